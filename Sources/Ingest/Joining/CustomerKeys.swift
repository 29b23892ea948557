import Foundation
import Model

/// The keys other systems may know a customer by, besides the id as written: the
/// Salesforce 15-character form of the id, e-mail addresses, e-mail and web domains, and
/// the normalised company name. Built from the loaded customers (their id, name and the
/// attribute columns whose headers say e-mail, domain or website); memory grows with
/// customers. A domain or company name that two customers share is ambiguous and matches
/// neither; free-mail domains (gmail.com, …) are never domain keys.
///
/// Each kind of table is built on its first use (a file whose unmatched keys are plain ids
/// only ever needs the company names), under a lock, so the partitions of a file reading on
/// several threads share one set of tables.
final class CustomerKeys: @unchecked Sendable {
    /// Number of customers the keys are built from.
    let customerCount: Int
    private let lock = NSLock()
    /// The customers, until every table is built.
    private var customers: [Customer]
    private var salesforceTable: [String: CustomerIndex]?
    private var contactTables: Contacts?
    private var nameTable: [String: CustomerIndex]?

    /// E-mail addresses and domains, and the attribute headers they came from.
    private struct Contacts {
        var emails: [String: CustomerIndex] = [:]
        /// -1 marks a key shared by several customers.
        var domains: [String: CustomerIndex] = [:]
        var emailHeaders: [String] = []
        var domainHeaders: [String] = []
    }

    init(customers: [Customer]) {
        customerCount = customers.count
        self.customers = customers
    }

    /// Attribute headers read as e-mail columns.
    var emailHeaders: [String] { withContacts { $0.emailHeaders } }
    /// Attribute headers read as domain/website columns.
    var domainHeaders: [String] { withContacts { $0.domainHeaders } }

    /// Header keys (see `headerKey`) of customer columns holding e-mail addresses.
    static let emailHeaderKeys: Set<String> = Set(["Email", "E-mail", "Email Address", "E-mail Address", "Primary Email",
        "Contact Email", "Customer Email", "Billing Email", "Work Email", "Company Email", "Account Email",
        "Email (Primary)", "customer.email", "customers.email"].map(headerKey))
    /// Header keys of customer columns holding a web domain or site.
    static let domainHeaderKeys: Set<String> = Set(["Domain", "Company Domain", "Company Domain Name", "Domain Name",
        "Website", "Web Site", "Website URL", "Company Website", "URL"].map(headerKey))

    /// `body` on the table at `slot`, built by `build` from the customers on its first use.
    private func with<Table, R>(_ slot: ReferenceWritableKeyPath<CustomerKeys, Table?>, _ build: ([Customer]) -> Table,
                                _ body: (Table) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        if let table = self[keyPath: slot] { return body(table) }
        let table = build(customers)
        self[keyPath: slot] = table
        releaseCustomersWhenBuilt()
        return body(table)
    }

    private func withSalesforce<R>(_ body: ([String: CustomerIndex]) -> R) -> R { with(\.salesforceTable, Self.salesforce, body) }
    private func withContacts<R>(_ body: (Contacts) -> R) -> R { with(\.contactTables, Self.contacts, body) }
    private func withNames<R>(_ body: ([String: CustomerIndex]) -> R) -> R { with(\.nameTable, Self.names, body) }

    /// The Salesforce 15-character form of each id that is a Salesforce id (the first customer wins).
    private static func salesforce(_ customers: [Customer]) -> [String: CustomerIndex] {
        var table: [String: CustomerIndex] = [:]
        for (i, customer) in customers.enumerated() {
            let length = customer.id.utf8.count
            if length == 15 || length == 18, let sf = SalesforceID.canonical(customer.id.utf8), table[sf] == nil {
                table[sf] = i
            }
        }
        return table
    }

    /// The normalised company name of each customer. Each distinct name (by its bytes) is
    /// normalised once (a file of half a million customers may hold a few hundred person
    /// names) and entered once, for its first customer, or as shared when another customer
    /// bears it too; the table is the one normalising every customer's name would give.
    private static func names(_ customers: [Customer]) -> [String: CustomerIndex] {
        var distinct = ByteKeyedIndex()
        var first: [CustomerIndex] = [], shared: [Bool] = []
        for i in customers.indices {
            let n = distinct.insert(customers[i].name)
            if n == first.count {
                first.append(i)
                shared.append(false)
            } else {
                shared[n] = true
            }
        }
        var table: [String: CustomerIndex] = [:]
        for n in first.indices {
            guard let key = CompanyName.key(customers[first[n]].name) else { continue }
            add(&table, key, first[n])
            if shared[n] { table[key] = -1 }
        }
        return table
    }

    private func releaseCustomersWhenBuilt() {
        if salesforceTable != nil && contactTables != nil && nameTable != nil { customers = [] }
    }

    private static func contacts(_ customers: [Customer]) -> Contacts {
        var c = Contacts()
        var emailHeaders = Set<String>(), domainHeaders = Set<String>()
        func addEmail(_ address: String, _ i: CustomerIndex) {
            add(&c.emails, address, i)
            if let domain = EmailAddress.domain(ofAddress: address) { addDomain(domain, i) }
        }
        func addDomain(_ domain: String, _ i: CustomerIndex) {
            guard !EmailAddress.freeMailDomains.contains(domain) else { return }
            add(&c.domains, domain, i)
        }
        // Every customer has the same few attribute headers: classify each once.
        var headerKinds: [(header: String, key: String)] = []
        for (i, customer) in customers.enumerated() {
            if let address = EmailAddress.normalised(customer.id) { addEmail(address, i) }
            if let address = EmailAddress.normalised(customer.name) { addEmail(address, i) }
            for (header, value) in customer.attributeValues.entries {
                let key: String
                if let known = headerKinds.first(where: { $0.header == header }) {
                    key = known.key
                } else {
                    key = headerKey(header)
                    headerKinds.append((header, key))
                }
                if emailHeaderKeys.contains(key) {
                    emailHeaders.insert(header)
                    // A cell may list several addresses ("a@x.com; b@x.com").
                    for part in value.split(whereSeparator: { $0 == ";" || $0 == "," }) {
                        if let address = EmailAddress.normalised(String(part)) { addEmail(address, i) }
                    }
                } else if domainHeaderKeys.contains(key) {
                    domainHeaders.insert(header)
                    for part in value.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " }) {
                        if let domain = EmailAddress.domain(ofWebsite: String(part)) { addDomain(domain, i) }
                    }
                }
            }
        }
        c.emailHeaders = emailHeaders.sorted()
        c.domainHeaders = domainHeaders.sorted()
        return c
    }

    /// Adds `key` → `i`; a key two customers share becomes -1.
    private static func add(_ table: inout [String: CustomerIndex], _ key: String, _ i: CustomerIndex) {
        if let existing = table[key] {
            if existing != i { table[key] = -1 }
        } else {
            table[key] = i
        }
    }

    private static func unique(_ table: [String: CustomerIndex], _ key: String) -> CustomerIndex? {
        guard let i = table[key], i >= 0 else { return nil }
        return i
    }

    /// The customer a key names by anything but the id as written (that is looked up first,
    /// in the loader's id index): a Salesforce id of the other length, an e-mail address, its
    /// domain, a web domain, or a company name.
    func match(_ text: String) -> (CustomerIndex, CustomerJoin.Method)? {
        let length = text.utf8.count
        if length == 15 || length == 18, let sf = SalesforceID.canonical(text.utf8),
           let i = withSalesforce({ $0[sf] }) {
            return (i, .salesforceID)
        }
        if let address = EmailAddress.normalised(text) {
            return withContacts { c in
                if let i = Self.unique(c.emails, address) { return (i, .email) }
                if let domain = EmailAddress.domain(ofAddress: address), let i = Self.unique(c.domains, domain) {
                    return (i, .emailDomain)
                }
                return nil
            }
        }
        if let domain = EmailAddress.domain(ofWebsite: text), let i = withContacts({ Self.unique($0.domains, domain) }) {
            return (i, .emailDomain)
        }
        if let name = CompanyName.key(text), let i = withNames({ Self.unique($0, name) }) { return (i, .companyName) }
        return nil
    }
}
