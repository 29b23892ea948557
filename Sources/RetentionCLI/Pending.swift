// Commands are wired in once the stages they call are merged.
public enum RetentionCommandLine {
    public static func run(_ arguments: [String], console: Console = .standard) -> ExitStatus { .success }
}
