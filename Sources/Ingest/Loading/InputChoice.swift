import Model

/// Which file to use when several in one input folder hold the same entity — e.g. a fresh
/// `customers.csv` beside a stale `customers-2019-old.csv`, where silently taking the first
/// name in order reported on the stale one.
///
/// Rule: when every candidate's name carries a full date (`2024-11-25`, `2024_11_25` or
/// `20241125`) and one date is the newest, that file is used and a note names the others;
/// otherwise the choice is ambiguous and is an error naming every candidate. Works on
/// (file, entity) assignments, however they were made (by name or by header).
public enum InputChoice {
    public struct Resolution: Sendable, Equatable {
        /// The file chosen for each entity that had candidates.
        public var chosen: [Entity: String]
        /// One line per entity whose choice needed the date rule.
        public var notes: [String]
    }

    public static func resolve(_ assignments: [(path: String, entity: Entity)]) throws(IngestError) -> Resolution {
        var result = Resolution(chosen: [:], notes: [])
        for entity in Entity.allCases {
            let paths = assignments.filter { $0.entity == entity }.map(\.path)
            guard let first = paths.first else { continue }
            if paths.count == 1 { result.chosen[entity] = first; continue }
            let dated = paths.map { ($0, date(inName: $0)) }
            let days = dated.compactMap(\.1)
            guard days.count == paths.count, let newest = days.max(), days.filter({ $0 == newest }).count == 1,
                  let chosen = dated.first(where: { $0.1 == newest })?.0 else {
                throw .ambiguousInputs(entity: entity, paths: paths)
            }
            result.chosen[entity] = chosen
            let others = paths.filter { $0 != chosen }
            result.notes.append("\(entity): using \(chosen), the newest by the date in its name; not used: "
                + others.joined(separator: ", "))
        }
        return result
    }

    /// The first full date in a file's name (not its folder): `yyyy-MM-dd`, `yyyy_MM_dd` or `yyyyMMdd`.
    static func date(inName path: String) -> Day? {
        let name = Array((path.split(separator: "/").last.map(String.init) ?? path).utf8)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at >= 0, at + count <= name.count else { return nil }
            var v = 0
            for b in name[at..<(at + count)] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        var i = 0
        while i + 8 <= name.count {
            // Not in the middle of a longer number.
            if i == 0 || !(name[i - 1] >= 0x30 && name[i - 1] <= 0x39), let y = digits(i, 4) {
                let sep = i + 4 < name.count && (name[i + 4] == 0x2D || name[i + 4] == 0x5F) ? 1 : 0
                let m0 = i + 4 + sep
                if let m = digits(m0, 2), sep == 0 || (m0 + 2 < name.count && name[m0 + 2] == name[i + 4]),
                   let d = digits(m0 + 2 + sep, 2), !(m0 + 4 + sep < name.count && name[m0 + 4 + sep] >= 0x30 && name[m0 + 4 + sep] <= 0x39),
                   let day = Day(year: y, month: m, day: d) {
                    return day
                }
            }
            i += 1
        }
        return nil
    }
}
