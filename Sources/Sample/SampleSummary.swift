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

/// One of the deliberately bad rows (see `SampleExport`), as ingest should report it.
public struct SampleBadRow: Sendable, Hashable {
    /// File name, e.g. `invoices.csv`.
    public var file: String
    /// 1-based record number in the file (the header is not counted).
    public var record: Int
    /// The record's own id (first column).
    public var id: String
    /// The offending column and value, e.g. `Date` / `31/02/2024`.
    public var column: String
    public var value: String
    /// What is wrong, in words: `unknown customer`, `unparseable date`, `duplicate invoice id`.
    public var problem: String

    public init(file: String, record: Int, id: String, column: String, value: String, problem: String) {
        self.file = file
        self.record = record
        self.id = id
        self.column = column
        self.value = value
        self.problem = problem
    }
}

/// What `SampleExport.write` produced, in the order the files were opened.
public struct SampleSummary: Sendable, Hashable {
    public var files: [SampleFile]
    /// The deliberately bad rows written (empty without messy rows), in writing order.
    public var badRows: [SampleBadRow]

    public init(files: [SampleFile], badRows: [SampleBadRow] = []) {
        self.files = files
        self.badRows = badRows
    }

    /// The entry for `name`, if that file was written.
    public func file(named name: String) -> SampleFile? {
        files.first { $0.name == name }
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }
}
