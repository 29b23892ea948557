/// One file of the written export set.
public struct SampleFile: Sendable, Hashable {
    /// File name inside the output directory, e.g. `invoices.csv`.
    public var name: String
    /// Data records written (the header and the blank trailing line are not counted; a record
    /// whose quoted field spans two lines counts once; deliberately bad rows are counted).
    public var rows: Int
    /// Size of the file in bytes.
    public var bytes: Int

    public init(name: String, rows: Int, bytes: Int) {
        self.name = name
        self.rows = rows
        self.bytes = bytes
    }
}

/// What `SampleExport.write` produced, in the order the files were opened.
public struct SampleSummary: Sendable, Hashable {
    public var files: [SampleFile]

    public init(files: [SampleFile]) { self.files = files }

    /// The entry for `name`, if that file was written.
    public func file(named name: String) -> SampleFile? {
        files.first { $0.name == name }
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }
}
