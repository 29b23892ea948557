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

    /// The first file of each entity that `InputPlan.discover` reads from `directory`.
    public static func discover(inDirectory directory: String) -> InputFiles {
        var files = InputFiles()
        for file in InputPlan.discover(inDirectory: directory).files where files[file.recognition.entity] == nil {
            files[file.recognition.entity] = file.path
        }
        return files
    }

    /// Like `discover`, but several files of one entity from one source are resolved by
    /// `InputChoice` (see `InputPlan.chooseNewest`): the newest by the date in the name (with a
    /// note), else an error naming them all.
    public static func discoverChoosing(inDirectory directory: String) throws(IngestError) -> (files: InputFiles, notes: [String]) {
        let plan = InputPlan.discover(inDirectory: directory)
        let notes = try plan.chooseNewest()
        var files = InputFiles()
        for file in plan.files where files[file.recognition.entity] == nil { files[file.recognition.entity] = file.path }
        return (files, notes)
    }
}
