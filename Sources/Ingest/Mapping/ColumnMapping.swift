import Foundation

/// Explicit header names for canonical fields, from a JSON file or `entity.field=Header`
/// overrides. Explicit names win over presets and the automatic synonyms; a name the file
/// does not have is an error, not a silent fallback.
public struct ColumnMapping: Sendable, Hashable {
    /// entity → canonical field → header as written in the file.
    public private(set) var headers: [Entity: [String: String]] = [:]

    public init() {}

    /// Why a mapping cannot be understood.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case malformedOverride(String)
        case unknownEntity(String)
        case unknownField(entity: Entity, field: String)
        case malformedJSON(String)

        public var description: String {
            switch self {
            case .malformedOverride(let text):
                return "cannot read mapping \"\(text)\": write entity.field=Header, e.g. customers.signup=\"Created Date\""
            case .unknownEntity(let name):
                return "unknown entity \"\(name)\" in mapping; use one of "
                    + Entity.allCases.map(\.rawValue).joined(separator: ", ")
            case .unknownField(let entity, let field):
                return "\(entity) has no field \"\(field)\"; its fields are " + entity.fields.joined(separator: ", ")
            case .malformedJSON(let why):
                return "cannot read the mapping file: \(why); expected {\"customers\": {\"id\": \"Account Number\"}, …}"
            }
        }
    }

    /// Sets the header for `entity.field`.
    public mutating func set(_ entity: Entity, _ field: String, to header: String) throws(Problem) {
        guard entity.fields.contains(field) else { throw .unknownField(entity: entity, field: field) }
        headers[entity, default: [:]][field] = header
    }

    /// The explicit header for a field, if any.
    public func header(for entity: Entity, _ field: String) -> String? { headers[entity]?[field] }

    /// Parses one `--map` override, `entity.field=Header` (the header may be quoted), and
    /// returns the mapping with it added.
    public func parse(override text: String) throws(Problem) -> ColumnMapping {
        guard let eq = text.firstIndex(of: "=") else { throw .malformedOverride(text) }
        let key = String(text[..<eq]).trimmingSpaces()
        var header = String(text[text.index(after: eq)...]).trimmingSpaces()
        if header.count >= 2, header.hasPrefix("\""), header.hasSuffix("\"") { header = String(header.dropFirst().dropLast()) }
        let parts = key.split(separator: ".", maxSplits: 1).map { String($0) }
        guard parts.count == 2, !header.isEmpty else { throw .malformedOverride(text) }
        guard let entity = Entity(rawValue: parts[0].lowercased()) else { throw .unknownEntity(parts[0]) }
        var copy = self
        try copy.set(entity, parts[1].lowercased(), to: header)
        return copy
    }

    /// Reads a JSON mapping: `{"customers": {"id": "Account Number", "signup": "Joined"}, …}`.
    public static func parse(json: [UInt8]) throws(Problem) -> ColumnMapping {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(json)) } catch {
            throw .malformedJSON("it is not valid JSON")
        }
        guard let top = object as? [String: Any] else { throw .malformedJSON("the top level is not an object") }
        var mapping = ColumnMapping()
        for key in top.keys.sorted() {
            guard let entity = Entity(rawValue: key.lowercased()) else { throw .unknownEntity(key) }
            guard let fields = top[key] as? [String: Any] else {
                throw .malformedJSON("\"\(key)\" is not an object of field → header")
            }
            for field in fields.keys.sorted() {
                guard let header = fields[field] as? String else {
                    throw .malformedJSON("\"\(key).\(field)\" is not a string")
                }
                try mapping.set(entity, field.lowercased(), to: header)
            }
        }
        return mapping
    }
}
