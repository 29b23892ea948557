import Model

/// The keys other systems may know a customer by, besides the id as written: the
/// Salesforce 15-character form of the id, e-mail addresses, e-mail and web domains, and
/// the normalised company name. Built from the loaded customers (their id, name and the
/// attribute columns whose headers say e-mail, domain or website); memory grows with
/// customers. A domain or company name that two customers share is ambiguous and matches
/// neither; free-mail domains (gmail.com, …) are never domain keys.
struct CustomerKeys: Sendable {
    private(set) var salesforce: [String: CustomerIndex] = [:]
    private(set) var emails: [String: CustomerIndex] = [:]
    /// -1 marks a key shared by several customers.
    private(set) var domains: [String: CustomerIndex] = [:]
    private(set) var names: [String: CustomerIndex] = [:]
    /// Number of customers the keys were built from.
    let customerCount: Int
    /// Attribute headers read as e-mail and as domain/website columns.
    private(set) var emailHeaders: [String] = []
    private(set) var domainHeaders: [String] = []

    /// Header keys (see `headerKey`) of customer columns holding e-mail addresses.
    static let emailHeaderKeys: Set<String> = Set(["Email", "E-mail", "Email Address", "E-mail Address", "Primary Email",
        "Contact Email", "Customer Email", "Billing Email", "Work Email", "Company Email", "Account Email",
        "Email (Primary)", "customer.email", "customers.email"].map(headerKey))
    /// Header keys of customer columns holding a web domain or site.
    static let domainHeaderKeys: Set<String> = Set(["Domain", "Company Domain", "Company Domain Name", "Domain Name",
        "Website", "Web Site", "Website URL", "Company Website", "URL"].map(headerKey))

    init(customers: [Customer]) {
        customerCount = customers.count
        var emailHeaders = Set<String>(), domainHeaders = Set<String>()
        for (i, customer) in customers.enumerated() {
            if let sf = SalesforceID.canonical(Array(customer.id.utf8)), salesforce[sf] == nil { salesforce[sf] = i }
            for text in [customer.id, customer.name] {
                if let address = EmailAddress.normalised(text) { addEmail(address, i) }
            }
            if let name = CompanyName.key(customer.name) { Self.add(&names, name, i) }
            for (header, value) in customer.attributes {
                let key = headerKey(header)
                if Self.emailHeaderKeys.contains(key) {
                    emailHeaders.insert(header)
                    // A cell may list several addresses ("a@x.com; b@x.com").
                    for part in value.split(whereSeparator: { $0 == ";" || $0 == "," }) {
                        if let address = EmailAddress.normalised(String(part)) { addEmail(address, i) }
                    }
                } else if Self.domainHeaderKeys.contains(key) {
                    domainHeaders.insert(header)
                    for part in value.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " }) {
                        if let domain = EmailAddress.domain(ofWebsite: String(part)) { addDomain(domain, i) }
                    }
                }
            }
        }
        self.emailHeaders = emailHeaders.sorted()
        self.domainHeaders = domainHeaders.sorted()
    }

    private mutating func addEmail(_ address: String, _ i: CustomerIndex) {
        Self.add(&emails, address, i)
        if let domain = EmailAddress.domain(ofAddress: address) { addDomain(domain, i) }
    }

    private mutating func addDomain(_ domain: String, _ i: CustomerIndex) {
        guard !EmailAddress.freeMailDomains.contains(domain) else { return }
        Self.add(&domains, domain, i)
    }

    /// Static, so that adding to one table never touches (and copies) the others.
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
        if let sf = SalesforceID.canonical(Array(text.utf8)), let i = salesforce[sf] { return (i, .salesforceID) }
        if let address = EmailAddress.normalised(text) {
            if let i = Self.unique(emails, address) { return (i, .email) }
            if let domain = EmailAddress.domain(ofAddress: address), let i = Self.unique(domains, domain) {
                return (i, .emailDomain)
            }
            return nil
        }
        if let domain = EmailAddress.domain(ofWebsite: text), let i = Self.unique(domains, domain) {
            return (i, .emailDomain)
        }
        if let name = CompanyName.key(text), let i = Self.unique(names, name) { return (i, .companyName) }
        return nil
    }
}
