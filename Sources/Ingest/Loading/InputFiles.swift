import Foundation

/// The paths of the input files, one per entity; any may be absent.
public struct InputFiles: Sendable, Hashable {
    public var customers: String?
    public var subscriptions: String?
    public var orders: String?
    public var surveys: String?
    public var tickets: String?

    public init(customers: String? = nil, subscriptions: String? = nil, orders: String? = nil,
                surveys: String? = nil, tickets: String? = nil) {
        self.customers = customers
        self.subscriptions = subscriptions
        self.orders = orders
        self.surveys = surveys
        self.tickets = tickets
    }

    public subscript(entity: Entity) -> String? {
        get {
            switch entity {
            case .customers: return customers
            case .subscriptions: return subscriptions
            case .orders: return orders
            case .surveys: return surveys
            case .tickets: return tickets
            }
        }
        set {
            switch entity {
            case .customers: customers = newValue
            case .subscriptions: subscriptions = newValue
            case .orders: orders = newValue
            case .surveys: surveys = newValue
            case .tickets: tickets = newValue
            }
        }
    }

    public var isEmpty: Bool { Entity.allCases.allSatisfy { self[$0] == nil } }

    /// The entity a file name suggests: `customers*`/`accounts*`/`companies*`,
    /// `subscriptions*`, `invoices*`/`orders*`/`charges*`/`payments*`/`deals*`,
    /// `surveys*`/`responses*`/`nps*`/`csat*`/`satisfaction*`, `tickets*`/`cases*`.
    public static func entity(forFileName name: String) -> Entity? {
        let n = name.lowercased()
        let table: [(Entity, [String])] = [
            (.subscriptions, ["subscription"]),
            (.orders, ["invoice", "order", "charge", "payment", "deal", "transaction"]),
            (.surveys, ["survey", "response", "nps", "csat", "satisfaction", "feedback"]),
            (.tickets, ["ticket", "case"]),
            (.customers, ["customer", "account", "compan", "client"]),
        ]
        for (entity, stems) in table where stems.contains(where: { n.hasPrefix($0) }) { return entity }
        return nil
    }

    /// Finds the input files in a directory: `.csv`/`.tsv`/`.txt` files, sorted by name, are
    /// assigned by file name (see `entity(forFileName:)`); files whose names say nothing are
    /// assigned by their header (the entity whose canonical fields the header matches best).
    /// The first file found for an entity wins.
    public static func discover(inDirectory directory: String) -> InputFiles {
        var files = InputFiles()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        var unnamed: [String] = []
        for name in names {
            let lower = name.lowercased()
            guard lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") else { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if let entity = entity(forFileName: name) {
                if files[entity] == nil { files[entity] = path }
            } else {
                unnamed.append(path)
            }
        }
        for path in unnamed {
            if files.orders == nil, AlignedText.isOrderFile(path: path) { files.orders = path; continue }
            guard let header = sniffHeader(path: path) else { continue }
            let best = Entity.allCases
                .map { ($0, ColumnResolution.fitScore(header: header, entity: $0)) }
                .filter { files[$0.0] == nil && $0.1 >= 4 }
                .max { $0.1 < $1.1 }
            if let best { files[best.0] = path }
        }
        return files
    }

    /// The header of a file, read from its first 64 KiB.
    static func sniffHeader(path: String) -> [String]? {
        // Through `FileSource`: a pipe or device in the folder is refused, never waited on.
        guard let file = try? FileSource(path: path) else { return nil }
        var bytes = [UInt8](repeating: 0, count: min(file.size, 65_536))
        guard let n = try? file.read(into: &bytes, start: 0, count: bytes.count, at: 0), n > 0 else { return nil }
        bytes.removeSubrange(n...)
        // Keep only complete lines so a cut multi-byte character or quote does not matter.
        if let lastBreak = bytes.lastIndex(where: { $0 == 0x0A }), bytes.count == 65_536 {
            bytes.removeSubrange((lastBreak + 1)...)
        }
        return (try? CSVTable(bytes: bytes))?.header
    }
}
