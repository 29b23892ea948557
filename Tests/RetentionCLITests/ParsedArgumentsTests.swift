import Testing
@testable import RetentionCLI

@Suite struct ParsedArgumentsTests {
    let spec = CommandSpec(
        name: "demo", summary: "A demo command.",
        options: [
            OptionSpec("out", value: "FILE", help: "Where to write."),
            OptionSpec("map", value: "E.F=H", repeatable: true, help: "A mapping."),
            OptionSpec("strict", help: "Fail on skipped rows."),
            OptionSpec("count", value: "N", help: "How many."),
        ],
        positionals: [PositionalSpec("FILE", minimum: 0, maximum: nil, help: "Files.")]
    )

    @Test func acceptsSpaceAndEqualsFormsFlagsAndPositionals() throws {
        let p = try ParsedArguments(["--out", "a.html", "--map=customers.id=ID", "--map", "x.y=Z", "--strict", "f1", "--", "--f2"], spec: spec)
        #expect(p.value("out") == "a.html")
        #expect(p.all("map") == ["customers.id=ID", "x.y=Z"])
        #expect(p.flag("strict"))
        #expect(p.positionals == ["f1", "--f2"])
    }
    @Test func reportsEachUsageErrorInOneLine() {
        #expect(throws: UsageError.unknownOption("--bogus", command: "demo")) { try ParsedArguments(["--bogus"], spec: spec) }
        #expect(throws: UsageError.missingValue(option: "out")) { try ParsedArguments(["--out"], spec: spec) }
        #expect(throws: UsageError.unexpectedValue(option: "strict")) { try ParsedArguments(["--strict=yes"], spec: spec) }
        #expect(throws: UsageError.repeatedOption("out")) { try ParsedArguments(["--out", "a", "--out", "b"], spec: spec) }
        #expect(UsageError.unknownOption("--bogus", command: "demo").description
                == "unknown option '--bogus' for 'retention demo' (see 'retention demo --help')")
        #expect(UsageError.missingValue(option: "out").description == "option '--out' needs a value")
    }
    @Test func validatesIntegersAndChoices() throws {
        let p = try ParsedArguments(["--count", "0"], spec: spec)
        #expect(throws: UsageError.invalidValue(option: "count", value: "0", expected: "a whole number from 1 to 10")) {
            try p.integer("count", in: 1...10)
        }
        #expect(try ParsedArguments(["--count", "7"], spec: spec).integer("count", in: 1...10) == 7)
    }
    @Test func positionalCountsAreChecked() {
        let one = CommandSpec(name: "one", summary: "s", options: [], positionals: [PositionalSpec("FILE", help: "f")])
        #expect(throws: UsageError.missingArgument("FILE")) { try ParsedArguments([], spec: one) }
        #expect(throws: UsageError.extraArgument("b")) { try ParsedArguments(["a", "b"], spec: one) }
        #expect((try? ParsedArguments(["--help"], spec: one))?.flag("help") == true)
    }
    @Test func helpTextListsEveryOptionWithItsHelp() {
        #expect(spec.helpText == """
        usage: retention demo [options] [FILE…]

        A demo command.

        Arguments:
          FILE  Files.

        Options:
          --out FILE   Where to write.
          --map E.F=H  A mapping. (repeatable)
          --strict     Fail on skipped rows.
          --count N    How many.
          --help       Show this help and exit.

        """)
    }
}
