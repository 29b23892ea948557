import Testing
@testable import Model

@Suite struct CustomerTraitsTests {
    let day = Day(year: 2024, month: 1, day: 1)!

    @Test func equalTraitsShareOneObjectThroughTheTable() {
        var table = CustomerTraits.Table()
        let a = Customer(id: "C1", signup: day, plan: "Pro", segment: "SMB", churnReason: "price")
        var b = Customer(id: "C2", signup: day, plan: "Pro", segment: "SMB", churnReason: "price")
        let c = Customer(id: "C3", signup: day, plan: "Pro", segment: "SMB")
        // Made apart: equal, hashed alike, two objects.
        #expect(a.traits == b.traits && a.traits.hashValue == b.traits.hashValue)
        #expect(!a.traits.sharesStorage(with: b.traits))
        #expect(table.shared(a.traits) == nil)
        table.remember(a.traits)
        b.traits = table.shared(b.traits)!
        #expect(b.traits.sharesStorage(with: a.traits))
        #expect(table.shared(c.traits) == nil)  // no churn reason: another combination
        #expect(b.plan == "Pro" && b.segment == "SMB" && b.churnReason == "price" && b.region == nil)
    }

    @Test func traitsFiledUnderAHashWorkedOutBeforehandAreFoundByTheirValues() {
        var table = CustomerTraits.Table()
        let a = Customer(id: "C1", signup: day, plan: "Enterprise annual", region: "EU", churnReason: "moved to a competitor")
        let b = Customer(id: "C2", signup: day, plan: "Enterprise annual", region: "EU", churnReason: "moved to a competitor")
        let c = Customer(id: "C3", signup: day, plan: "Enterprise annual", region: "US", churnReason: "moved to a competitor")
        // Equal values made apart hash alike (`Values.hashValue`), whoever works it out.
        #expect(a.traits.valuesHash == b.traits.valuesHash)
        #expect(a.traits.valuesHash == a.traits.values.hashValue)
        table.remember(a.traits, hash: a.traits.valuesHash)
        #expect(table.shared(b.traits, hash: b.traits.valuesHash)?.sharesStorage(with: a.traits) == true)
        #expect(table.shared(b.traits)?.sharesStorage(with: a.traits) == true)  // hash worked out by the table
        #expect(table.shared(c.traits, hash: c.traits.valuesHash) == nil)  // region differs
        // Filed under the hash given: the same values under another hash are not found.
        #expect(table.shared(b.traits, hash: b.traits.valuesHash &+ 1) == nil)
    }

    @Test func changingOneCustomersTraitLeavesTheOthersAlone() {
        let a = Customer(id: "C1", signup: day, plan: "Pro", region: "EU", owner: "Ann", status: "Active")
        var b = a
        b.plan = "Basic"
        b.churnReason = "price"
        #expect(a.plan == "Pro" && a.churnReason == nil)
        #expect(b.plan == "Basic" && b.region == "EU" && b.owner == "Ann" && b.status == "Active" && b.churnReason == "price")
        #expect(a != b)
        b.plan = "Pro"
        b.churnReason = nil
        #expect(a == b)  // equal values, two objects
    }

    @Test func aFullTableKeepsTraitsAsGiven() {
        var table = CustomerTraits.Table(limit: 2)
        let traits = ["A", "B", "C"].map { CustomerTraits(.init(plan: $0)) }
        table.remember(traits[0])
        table.remember(traits[1])
        #expect(table.isOpen)
        table.remember(traits[2])  // a third combination: the column is not one of few values
        #expect(!table.isOpen)
        #expect(table.shared(CustomerTraits(.init(plan: "A"))) == nil)
        // Customers without any of the seven values share one object, table or not.
        let none = Customer(id: "C1", signup: day).traits
        #expect(none.sharesStorage(with: Customer(id: "C2", signup: day).traits))
    }

    @Test func valuesAreFoundWithoutAnObjectOfTheirOwn() {
        var table = CustomerTraits.Table(limit: 2)
        let pro = CustomerTraits.Values(plan: "Enterprise annual plan", segment: "SMB")
        #expect(table.shared(pro, hash: pro.hashValue) == nil)
        let first = CustomerTraits(pro)
        table.remember(first, hash: pro.hashValue)
        // Equal values made apart (another string object for the plan) find the remembered object.
        let again = CustomerTraits.Values(plan: String("Enterprise annual plan ".dropLast()), segment: "SMB")
        #expect(table.shared(again, hash: again.hashValue)?.sharesStorage(with: first) == true)
        #expect(table.shared(again, hash: again.hashValue &+ 1) == nil)  // filed under the hash given
        #expect(table.shared(CustomerTraits.Values(plan: "Enterprise annual plan"), hash: 0) == nil)
        // No values: the one object of customers without traits, remembered or not.
        let none = Customer(id: "C1", signup: day).traits
        #expect(table.shared(CustomerTraits.Values(), hash: 0)?.sharesStorage(with: none) == true)
        // A full table finds nothing, not even values it holds.
        table.remember(CustomerTraits(.init(plan: "B")))
        table.remember(CustomerTraits(.init(plan: "C")))
        #expect(!table.isOpen)
        #expect(table.shared(pro, hash: pro.hashValue) == nil)
        #expect(table.shared(CustomerTraits.Values(), hash: 0) == nil)
    }
}
