/// Why the sample set could not be written.
public enum SampleError: Error, CustomStringConvertible, Equatable {
    /// The output directory (or one of its parents) could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A file could not be created, written or closed.
    case cannotWrite(path: String, reason: String)
    /// An option is out of range.
    case invalidOption(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            return "\(path): error: cannot create the output directory: \(reason). "
                + "Check the path and its permissions, or choose another --out."
        case let .cannotWrite(path, reason):
            return "\(path): error: cannot write the sample file: \(reason). "
                + "Check free disk space and permissions, or choose another --out."
        case let .invalidOption(name, value, expected):
            return "error: invalid sample option \(name) = \(value): expected \(expected)."
        }
    }
}
