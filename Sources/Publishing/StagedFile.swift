/// A file written whole to its temporary name beside its destination (`.<name>.<random>.partial`,
/// flushed to disk) and not yet in place: ``ReportPublisher/commit(_:)`` renames it over the
/// destination, ``ReportPublisher/discard(_:)`` removes it. Staging lets a run write its side
/// files while the report is still being checked and put them in place only once it passed, so a
/// failed run leaves no new file behind and the previous ones untouched.
public struct StagedFile: Sendable, Hashable {
    /// Where ``ReportPublisher/commit(_:)`` puts the file.
    public let destination: String
    /// The temporary file holding the bytes.
    public let partial: String
}
