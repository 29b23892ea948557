import Foundation

/// A small strict RFC 4180 reader for the tests, independent of the product code: fields are
/// separated by commas, records by LF; a field that starts with a quote runs to the next quote
/// not followed by another quote ("" is an escaped quote), and must then be followed by a comma
/// or the end of the record. Anything else is a format error.
struct CSVTestReader {
    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    /// Records of `text`; a final line break does not start a new record, but an extra blank
    /// line does (it is returned as a record with one empty field).
    static func records(_ text: String) throws -> [[String]] {
        let bytes = Array(text.utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var i = 0
        var atFieldStart = true
        while i < bytes.count {
            let b = bytes[i]
            if atFieldStart && b == 0x22 {
                i += 1
                while true {
                    guard i < bytes.count else { throw FormatError(description: "unterminated quote") }
                    if bytes[i] == 0x22 {
                        if i + 1 < bytes.count && bytes[i + 1] == 0x22 {
                            field.append(0x22)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    field.append(bytes[i])
                    i += 1
                }
                guard i == bytes.count || bytes[i] == 0x2C || bytes[i] == 0x0A else {
                    throw FormatError(description: "text after closing quote in record \(records.count + 1)")
                }
                atFieldStart = false
                continue
            }
            switch b {
            case 0x2C:
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll()
                atFieldStart = true
            case 0x0A:
                record.append(String(decoding: field, as: UTF8.self))
                records.append(record)
                record = []
                field.removeAll()
                atFieldStart = true
            case 0x22:
                throw FormatError(description: "quote inside unquoted field in record \(records.count + 1)")
            case 0x0D:
                throw FormatError(description: "carriage return outside quotes")
            default:
                field.append(b)
                atFieldStart = false
            }
            i += 1
        }
        if !record.isEmpty || !field.isEmpty {
            record.append(String(decoding: field, as: UTF8.self))
            records.append(record)
        }
        return records
    }
}

/// A generated sample set read back: header and records of each file.
struct GeneratedSet {
    let directory: String
    let files: [String: String]
    let tables: [String: [[String]]]

    init(directory: String) throws {
        self.directory = directory
        var files: [String: String] = [:]
        var tables: [String: [[String]]] = [:]
        for name in ["customers.csv", "subscriptions.csv", "invoices.csv", "surveys.csv", "tickets.csv"] {
            let path = directory + "/" + name
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            files[name] = text
            tables[name] = try CSVTestReader.records(text)
        }
        self.files = files
        self.tables = tables
    }

    func header(_ name: String) -> [String] { tables[name]?.first ?? [] }

    /// Data records without the header and without blank lines.
    func rows(_ name: String) -> [[String]] {
        Array((tables[name] ?? []).dropFirst()).filter { $0 != [""] }
    }

    /// Rows as dictionaries keyed by header name.
    func keyed(_ name: String) -> [[String: String]] {
        let header = header(name)
        return rows(name).map { row in
            var values: [String: String] = [:]
            for (key, value) in zip(header, row) { values[key] = value }
            return values
        }
    }
}

/// A fresh empty directory under the system temporary directory.
func temporaryDirectory(_ label: String) throws -> String {
    let path = NSTemporaryDirectory() + "sample-tests-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func removeDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}
