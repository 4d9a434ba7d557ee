#!/usr/bin/env python3
"""Writes a man page for a swift-argument-parser tool from its own help.

Usage: generate-man.py TOOL SECTION OUTPUT [EXTRA]
TOOL is run with --experimental-dump-help; EXTRA is a file of roff text appended at the end
(FILES, ENVIRONMENT, EXIT STATUS sections that the help itself does not hold).
"""
import json
import subprocess
import sys


def escape(text):
    return text.replace("\\", "\\e").replace("-", "\\-").replace("\n.", "\n\\&.").replace("'", "\\(aq")


def option_lines(arguments):
    lines = []
    for argument in arguments:
        if not argument.get("shouldDisplay", True):
            continue
        names = [("--" if name["kind"] == "long" else "-") + name["name"] for name in argument.get("names", [])]
        label = ", ".join(names) if names else "<" + argument.get("valueName", "value") + ">"
        if argument["kind"] == "option":
            label += " <" + argument.get("valueName", "value") + ">"
        lines.append(".TP\n.B " + escape(label) + "\n" + escape(argument.get("abstract", "")))
        if argument.get("defaultValue") not in (None, ""):
            lines[-1] += " (default: " + escape(str(argument["defaultValue"])) + ")"
    return lines


def descendants(prefix, commands):
    """Every command below `commands`, depth first, with its full path (`pioctl remote device list`)."""
    for command in commands:
        if not command.get("shouldDisplay", True) or command["commandName"] == "help":
            continue
        path = f"{prefix} {command['commandName']}"
        yield path, command
        yield from descendants(path, command.get("subcommands", []))


def main():
    tool, section, output = sys.argv[1], sys.argv[2], sys.argv[3]
    extra = open(sys.argv[4]).read() if len(sys.argv) > 4 else ""
    info = json.loads(subprocess.run([tool, "--experimental-dump-help"], check=True, capture_output=True).stdout)
    command = info["command"]
    name = command["commandName"]
    page = [f'.TH {name.upper()} {section} "" "pio-agent" "pio-agent manual"', ".SH NAME",
            f"{escape(name)} \\- {escape(command.get('abstract', ''))}", ".SH SYNOPSIS"]
    subcommands = [sub for sub in command.get("subcommands", []) if sub.get("shouldDisplay", True)
                   and sub["commandName"] != "help"]
    page.append(f".B {escape(name)}\n[options]" + (" <command> [options]" if subcommands else ""))
    if command.get("discussion"):
        page += [".SH DESCRIPTION", escape(command["discussion"])]
    page += [".SH OPTIONS"] + option_lines(command.get("arguments", []))
    if subcommands:
        page.append(".SH COMMANDS")
        for path, sub in descendants(name, subcommands):
            page.append(".SS " + escape(path))
            page.append(escape(sub.get("abstract", "")))
            if sub.get("discussion"):
                page.append(".PP\n" + escape(sub["discussion"]))
            page += option_lines(sub.get("arguments", []))
    if extra:
        page.append(extra.rstrip())
    with open(output, "w") as handle:
        handle.write("\n".join(page) + "\n")


if __name__ == "__main__":
    main()
