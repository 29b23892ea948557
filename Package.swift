// swift-tools-version:6.0
// retention: CRM exports in, a validated, self-contained HTML retention report out.
// The targets follow the flow of the data, and every dependency points up that flow:
// ingest → model → metrics → charts → templates (Mustache) → report → validation → publishing.
import PackageDescription

let package = Package(
    name: "retention",
    products: [
        .executable(name: "retention", targets: ["retention"]),
    ],
    targets: [
        // libxml2 from Debian's libxml2-dev; only the Validation module imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // OpenSSL's libcrypto from Debian's libssl-dev; only Ingest's SHA-256 of the inputs uses it.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Reading a file the tool is given, regular files only, with typed errors. Knows nothing
        // about retention; the stages that read files (ingest, templates, validation, publishing) share it.
        .target(name: "FileAccess"),
        // Work on other threads: a job run while the caller goes on, and where to cut items of
        // uneven work into equal shares. Knows nothing about retention; ingest, metrics and
        // publishing share it.
        .target(name: "BackgroundWork"),
        // Canonical records (customers, subscriptions, orders, surveys, tickets), days and periods.
        .target(name: "Model"),
        // CSV bytes → rows → typed values → canonical records, with per-file accounting.
        .target(name: "Ingest", dependencies: ["Model", "FileAccess", "CLibCrypto", "BackgroundWork"]),
        // Pure functions from the canonical model to the numbers the report shows.
        .target(name: "Metrics", dependencies: ["Model", "BackgroundWork"], linkerSettings: [.linkedLibrary("m")]),
        // The one escaper for text in HTML, XML, SVG and JSON. Knows nothing about retention.
        .target(name: "MarkupText"),
        // SVG drawing: scales, axes and chart kinds. Knows nothing about CRMs.
        .target(name: "Charts", dependencies: ["MarkupText"], linkerSettings: [.linkedLibrary("m")]),
        // The Mustache template engine. Knows nothing about retention (nor do its two leaf dependencies).
        .target(name: "Mustache", dependencies: ["MarkupText", "FileAccess"]),
        // The default templates, compiled in from Templates/ by the EmbedTemplates plugin.
        .target(name: "BuiltInTemplates", plugins: ["EmbedTemplates"]),
        .executableTarget(name: "embed-templates"),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["embed-templates"]),
        // View model from metrics, formatting, rendering through the templates, metrics JSON.
        .target(name: "Report", dependencies: ["Model", "Metrics", "Charts", "Mustache", "BuiltInTemplates"]),
        // libxml2-based checks of any HTML file.
        .target(name: "Validation", dependencies: ["CLibXML2", "FileAccess", "MarkupText"]),
        // Atomic, validated writes; the intranet archive; the mail-ready message.
        .target(name: "Publishing", dependencies: ["Validation", "FileAccess", "MarkupText", "BackgroundWork"]),
        // The deterministic demo CRM export set written by `retention sample`.
        .target(name: "Sample", dependencies: ["Model"]),
        // The commands and their hand-written argument parsing, as a library so tests reach them.
        .target(
            name: "RetentionCLI",
            dependencies: ["Model", "FileAccess", "Ingest", "Metrics", "Report", "Validation", "Publishing", "Sample",
                           "Mustache", "MarkupText", "BuiltInTemplates"]
        ),
        // The thin executable: hands the arguments to RetentionCLI and exits with its status.
        // Release builds on Linux link the Swift runtime, Dispatch and Foundation statically: no
        // dozen shared libraries to map and relocate at every start (loader 8.6 M → 1.6 M cycles)
        // and none of their pages resident (peak RSS −7 MiB at 100 k and at 10 M orders). The
        // static Foundation's own libraries (CoreFoundation, its C shims, ICU and collections) are
        // named here because only a whole build with `--static-swift-stdlib` would pull them in.
        .executableTarget(
            name: "retention", dependencies: ["RetentionCLI"],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-lCoreFoundation", "-l_FoundationCShims", "-l_FoundationICU",
                                           "-l_FoundationCollections", "-lstdc++"],
                                          .when(platforms: [.linux], configuration: .release))]
        ),

        // Ingest throughput benchmark (Benchmarks/run.sh).
        .executableTarget(name: "retention-bench", dependencies: ["Ingest", "Metrics", "Model"]),

        .testTarget(name: "FileAccessTests", dependencies: ["FileAccess"]),
        .testTarget(name: "BackgroundWorkTests", dependencies: ["BackgroundWork"]),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Model"]),
        // Fixtures/ is read by path (and documented in its README), not bundled as a resource.
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Model"], exclude: ["Fixtures"]),
        .testTarget(name: "MarkupTextTests", dependencies: ["MarkupText"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Metrics", "Model", "Mustache"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "CLibXML2"]),
        .testTarget(name: "PublishingTests", dependencies: ["Publishing", "Validation"]),
        .testTarget(name: "SampleTests", dependencies: ["Sample", "Model"]),
        .testTarget(name: "RetentionCLITests", dependencies: ["RetentionCLI"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["RetentionCLI", "Sample", "Ingest", "Metrics", "Report", "Validation", "Publishing", "Model"]
        ),
    ]
)
