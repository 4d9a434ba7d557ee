import ArgumentParser
import PioctlCommands

Pioctl.main()
