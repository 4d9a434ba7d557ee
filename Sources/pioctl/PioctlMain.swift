import ArgumentParser
import PioctlCommands

/// `pioctl`: a thin main; the commands live in PioctlCommands.
@main
enum PioctlMain {
    static func main() async {
        await Pioctl.main()
    }
}
