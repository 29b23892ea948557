import RetentionCLI
#if canImport(Glibc)
import Glibc
#endif

// Two malloc arenas: a lower memory peak, before any thread starts (MallocArenas).
MallocArenas.limit(to: 2)
// A closed pipe (`retention … | head`) should end output quietly, not kill the process.
signal(SIGPIPE, SIG_IGN)
// A successful report exits as soon as its outputs are in place, without freeing its data first.
exit(RetentionCommandLine.run(Array(CommandLine.arguments.dropFirst()), finished: { exit($0.rawValue) }).rawValue)
