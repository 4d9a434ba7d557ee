# pio-agent: build, test, run, install, benchmark.
#   make run       install what is missing, build, run the agent in the foreground (.run/)
#   make test      install what is missing, build, run every test (CI runs this)
#   make install   DESTDIR= PREFIX=/usr/local: binaries, units, udev rules, config, man pages
#   make bench     the performance figures, as one JSON object
#   make clean

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
SYSCONFDIR ?= /etc
LIBDIR ?= $(PREFIX)/lib
SYSTEMDUNITDIR ?= $(LIBDIR)/systemd/system
SYSUSERSDIR ?= $(LIBDIR)/sysusers.d
TMPFILESDIR ?= $(LIBDIR)/tmpfiles.d
UDEVRULESDIR ?= $(LIBDIR)/udev/rules.d
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man

SWIFT ?= swift
# Lean release binaries (make bench measures them): a static Swift runtime starts in a few
# milliseconds; optimising for size, lld with packed relocations and no exported symbol table
# keep the daemon's idle memory within its 15 MiB budget.
RELEASE_FLAGS ?= -c release --static-swift-stdlib -Xswiftc -Osize -Xswiftc -use-ld=lld \
	-Xlinker --no-export-dynamic -Xlinker -z -Xlinker pack-relative-relocs
RELEASE_BIN = $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path 2>/dev/null)

.PHONY: all build build-debug deps test run install uninstall bench man clean

all: build

deps:
	@scripts/install-deps.sh test

build:
	@scripts/install-deps.sh build
	$(SWIFT) build $(RELEASE_FLAGS) --product pio-agentd
	$(SWIFT) build $(RELEASE_FLAGS) --product pioctl

build-debug:
	@scripts/install-deps.sh build
	$(SWIFT) build --build-tests

test: deps build-debug
	$(SWIFT) test --skip-build

# A development broker (TLS, ACL, users dev-agent and dev on 127.0.0.1:18883) and agent on
# this checkout, in .run/; it prints the settings for `pioctl status` and `pioctl remote`.
run:
	@scripts/install-deps.sh run
	$(MAKE) build
	exec scripts/run-dev.sh $(RELEASE_BIN)

install: build man
	install -Dm755 $(RELEASE_BIN)/pio-agentd $(DESTDIR)$(SBINDIR)/pio-agentd
	install -Dm755 $(RELEASE_BIN)/pioctl $(DESTDIR)$(BINDIR)/pioctl
	install -d $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(UDEVRULESDIR)
	sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@BINDIR@|$(BINDIR)|g' systemd/pio-agentd.service \
		> $(DESTDIR)$(SYSTEMDUNITDIR)/pio-agentd.service
	install -m644 systemd/pio-agentd.socket $(DESTDIR)$(SYSTEMDUNITDIR)/pio-agentd.socket
	install -Dm644 systemd/sysusers.d/pio-agent.conf $(DESTDIR)$(SYSUSERSDIR)/pio-agent.conf
	install -Dm644 systemd/tmpfiles.d/pio-agent.conf $(DESTDIR)$(TMPFILESDIR)/pio-agent.conf
	sed -e 's|@BINDIR@|$(BINDIR)|g' udev-rules/99-pio-agent.rules > $(DESTDIR)$(UDEVRULESDIR)/99-pio-agent.rules
	install -Dm644 deploy/agent.toml $(DESTDIR)$(DATADIR)/pio-agent/agent.toml.example
	@# The reference broker kit (docs/operations.md, "The cloud link").
	install -Dm644 -t $(DESTDIR)$(DATADIR)/pio-agent/mosquitto deploy/mosquitto/acl \
		deploy/mosquitto/mosquitto.conf deploy/mosquitto/README.md
	install -Dm755 -t $(DESTDIR)$(DATADIR)/pio-agent/mosquitto deploy/mosquitto/dev-pki.sh deploy/mosquitto/add-user.sh
	@# The live config is never overwritten; it may hold credentials later (root:pio-agent 0640).
	[ -e $(DESTDIR)$(SYSCONFDIR)/pio-agent/agent.toml ] || \
		install -Dm640 deploy/agent.toml $(DESTDIR)$(SYSCONFDIR)/pio-agent/agent.toml
	install -Dm644 .build/man/pio-agentd.8 $(DESTDIR)$(MANDIR)/man8/pio-agentd.8
	install -Dm644 .build/man/pioctl.1 $(DESTDIR)$(MANDIR)/man1/pioctl.1
	$(RELEASE_BIN)/pioctl --generate-completion-script bash | install -Dm644 /dev/stdin \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/pioctl
	$(RELEASE_BIN)/pioctl --generate-completion-script zsh | install -Dm644 /dev/stdin \
		$(DESTDIR)$(DATADIR)/zsh/vendor-completions/_pioctl
	$(RELEASE_BIN)/pioctl --generate-completion-script fish | install -Dm644 /dev/stdin \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/pioctl.fish
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
		systemd-sysusers $(SYSUSERSDIR)/pio-agent.conf && \
		systemd-tmpfiles --create $(TMPFILESDIR)/pio-agent.conf && \
		chgrp pio-agent $(SYSCONFDIR)/pio-agent/agent.toml && \
		echo "installed; enable with: systemctl daemon-reload && systemctl enable --now pio-agentd.socket pio-agentd.service"; \
	fi

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/pio-agentd $(DESTDIR)$(BINDIR)/pioctl \
		$(DESTDIR)$(SYSTEMDUNITDIR)/pio-agentd.service $(DESTDIR)$(SYSTEMDUNITDIR)/pio-agentd.socket \
		$(DESTDIR)$(SYSUSERSDIR)/pio-agent.conf $(DESTDIR)$(TMPFILESDIR)/pio-agent.conf \
		$(DESTDIR)$(UDEVRULESDIR)/99-pio-agent.rules $(DESTDIR)$(DATADIR)/pio-agent/agent.toml.example \
		$(DESTDIR)$(MANDIR)/man8/pio-agentd.8 $(DESTDIR)$(MANDIR)/man1/pioctl.1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/pioctl \
		$(DESTDIR)$(DATADIR)/zsh/vendor-completions/_pioctl $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/pioctl.fish
	rm -rf $(DESTDIR)$(DATADIR)/pio-agent/mosquitto

# Man pages, written by swift-argument-parser's generator from the commands' own help.
man: build
	@mkdir -p .build/man
	python3 scripts/generate-man.py $(RELEASE_BIN)/pioctl 1 .build/man/pioctl.1 docs/man/pioctl.extra
	cp docs/man/pio-agentd.8 .build/man/pio-agentd.8

# The peers measured in the same run, comma-separated: the labgrid exporter (installed from PyPI into
# bench/.venv-labgrid) and ser2net (Debian's, the serial baseline); PEER=none skips both.
PEER ?= labgrid,ser2net
bench:
	@scripts/install-deps.sh bench
	@$(MAKE) --no-print-directory build >&2
	@python3 bench/bench.py --bin $(RELEASE_BIN) --peer $(PEER)

clean:
	$(SWIFT) package clean
	rm -rf .build .run
