import RetentionCLI
#if canImport(Glibc)
import Glibc
#endif

// A closed pipe (`retention … | head`) should end output quietly, not kill the process.
signal(SIGPIPE, SIG_IGN)
exit(RetentionCommandLine.run(Array(CommandLine.arguments.dropFirst())).rawValue)
