import Foundation
import Model

/// Which files are read, as what, and which are not read and why.
///
/// From a folder (`discover`), every file is accounted for: a file whose header carries a
/// product's signature is read with that product's format; one whose header fits an entity's
/// generic columns is read as that entity; anything else is listed in `notUsed` with its
/// reason (not a text export, empty, unrecognised header, a product export the report has no
/// use for, or revenue another file of the same product already holds).
public struct InputPlan: Sendable {
    public struct File: Sendable {
        public var path: String
        public var recognition: Recognition
    }

    public var files: [File] = []
    public var notUsed: [NotUsedInput] = []

    public init() {}

    /// The files read as `entity`, in plan order.
    public func files(_ entity: Entity) -> [File] { files.filter { $0.recognition.entity == entity } }

    public var isEmpty: Bool { files.isEmpty }

    /// Recognises every file of `directory` (sorted by name; hidden files and folders aside).
    /// - Parameters:
    ///   - preset: `--preset NAME`: only that product's formats are considered for every file.
    ///   - filePresets: `--preset FILE=NAME`: the same for one file (by name, case-insensitive).
    public static func discover(inDirectory directory: String, preset: Preset? = nil,
                                filePresets: [String: Preset] = [:]) -> InputPlan {
        var plan = InputPlan()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                plan.notUsed.append(NotUsedInput(path: path, reason: "a folder; files in sub-folders are not read"))
                continue
            }
            let lower = name.lowercased()
            guard lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") else {
                plan.notUsed.append(NotUsedInput(path: path, reason: "not a .csv, .tsv or .txt export"))
                continue
            }
            plan.add(path: path, product: filePresets[lower] ?? preset)
        }
        plan.setAsideRepeatedFormats()
        plan.setAsideRepeatedRevenue()
        return plan
    }

    /// The plan for files given one per entity (`--customers FILE`, …): each is read as the
    /// entity it was given for, with the format its header shows (or `preset`'s).
    public static func from(_ files: InputFiles, preset: Preset? = nil, filePresets: [String: Preset] = [:]) -> InputPlan {
        var plan = InputPlan()
        for entity in Entity.allCases {
            guard let path = files[entity] else { continue }
            plan.replace(entity, with: path, preset: preset, filePresets: filePresets)
        }
        return plan
    }

    /// Reads `path` as `entity` in place of any file the folder gave for it (`--orders FILE`
    /// with `--input DIR`).
    public mutating func replace(_ entity: Entity, with path: String, preset: Preset? = nil,
                                 filePresets: [String: Preset] = [:]) {
        let replaced = files.filter { $0.recognition.entity == entity && $0.path != path }
        files.removeAll { $0.recognition.entity == entity }
        // The file given settles any ambiguity among the folder's files of that entity, is not
        // "not used", and the folder's files it replaces are.
        if case .ambiguousInputs(let e, _) = ambiguity, e == entity { ambiguity = nil }
        notUsed.removeAll { $0.path == path }
        for file in replaced {
            notUsed.append(NotUsedInput(path: file.path, reason: "--\(entity) \(Self.fileName(path)) is read instead"))
        }
        let name = Self.fileName(path)
        let product = filePresets[name.lowercased()] ?? preset
        let header = Self.sniffHeader(path: path) ?? []
        let recognition = ExportRecognition.recognise(header: header, fileName: name, product: product, entity: entity)
            ?? Recognition(entity: entity, format: nil, evidence: "option")
        if let format = recognition.format, format.notUsedBecause != nil || format.entity != entity {
            // A given file is read as what it was given for, with the generic columns.
            files.append(File(path: path, recognition: Recognition(entity: entity, format: nil, evidence: "option")))
        } else {
            files.append(File(path: path, recognition: Recognition(entity: entity, format: recognition.format,
                                                                    evidence: "option")))
        }
    }

    /// Recognises one file of a folder.
    mutating func add(path: String, product: Preset?) {
        let name = Self.fileName(path)
        var header: [String]
        switch Self.readHeader(path: path) {
        case .failure(let why):
            notUsed.append(NotUsedInput(path: path, reason: why.text))
            return
        case .success(let h):
            header = h
        }
        // Space-aligned text (see `AlignedText`): the CDNOW layout (customer id, date, quantity,
        // amount; with or without a header line) is orders; other aligned columns with a header
        // line are recognised like any header.
        if header.count == 1, let head = AlignedText.head(path), let aligned = try? AlignedText.read(head) {
            if aligned.isOrderLayout {
                files.append(File(path: path, recognition: Recognition(entity: .orders, format: nil, evidence: "content")))
                return
            }
            if !aligned.addedHeader { header = aligned.table.header }
        }
        guard let recognition = ExportRecognition.recognise(header: header, fileName: name, product: product) else {
            let what = product.map { "matches no \($0.displayName) export and " } ?? "matches no known export and "
            notUsed.append(NotUsedInput(path: path, reason: "its header " + what
                + "lacks the columns of every entity (customers need an id and a sign-up date; subscriptions a "
                + "customer, amount and start; orders a customer, date and amount; surveys a date and a score; "
                + "tickets a creation date); give it with --customers/--orders/… and --map the columns"))
            return
        }
        if let format = recognition.format, let why = format.notUsedBecause {
            notUsed.append(NotUsedInput(path: path, reason: "\(format.description) export: \(why)"))
            return
        }
        files.append(File(path: path, recognition: recognition))
    }

    /// Several files of one export kind (two "generic customers", two "HubSpot deals") are
    /// ambiguous: a fresh export beside a stale one would count twice or mix. When every name
    /// carries a full date and one is the newest (`InputChoice`), that file is read and the
    /// others are listed as not used (a note says so); otherwise the first by name is kept here,
    /// the others are listed as not used naming the option that picks another, and
    /// `chooseNewest` (what `report` calls) fails naming them all.
    mutating func setAsideRepeatedFormats() {
        var labels: [String] = []
        for file in files where !labels.contains(file.recognition.label) { labels.append(file.recognition.label) }
        for label in labels {
            let group = files.filter { $0.recognition.label == label }
            guard group.count > 1 else { continue }
            let keep: String
            do {
                let choice = try InputChoice.resolve(group.map { ($0.path, $0.recognition.entity) })
                keep = choice.chosen[group[0].recognition.entity] ?? group[0].path
                choiceNotes += choice.notes
                for file in group where file.path != keep {
                    notUsed.append(NotUsedInput(path: file.path, reason: "an older \(file.recognition.entity) export: "
                        + "\(Self.fileName(keep)) is newer by the date in its name"))
                }
            } catch {
                if ambiguity == nil { ambiguity = error }
                keep = group[0].path
                for file in group.dropFirst() {
                    notUsed.append(NotUsedInput(path: file.path, reason: "another \(label) export, \(Self.fileName(keep)), is read; "
                        + "several files of one kind are ambiguous: give the one to use with --\(file.recognition.entity) FILE"))
                }
            }
            files.removeAll { $0.recognition.label == label && $0.path != keep }
        }
    }

    /// Two files of one kind whose names do not say which is newest (see `setAsideRepeatedFormats`).
    public var ambiguity: IngestError?
    /// One line per kind whose file was chosen by the date in its name.
    public var choiceNotes: [String] = []

    /// For `report`: the notes of the choices made by date, or the error when two files of one
    /// kind cannot be told apart (`InputChoice`).
    public func chooseNewest() throws(IngestError) -> [String] {
        if let ambiguity { throw ambiguity }
        return choiceNotes
    }

    /// Two revenue files of the same product in different formats (Stripe invoices and the
    /// payments that paid them) hold the same money: the format the product lists first is
    /// read, the other is listed as not used.
    mutating func setAsideRepeatedRevenue() {
        var kept: [File] = []
        for file in files {
            guard file.recognition.entity == .orders, let format = file.recognition.format,
                  let first = kept.first(where: { $0.recognition.entity == .orders
                      && $0.recognition.format?.product == format.product
                      && $0.recognition.format?.kind != format.kind })
            else { kept.append(file); continue }
            let order = format.product.formats.map(\.kind)
            let firstRank = order.firstIndex(of: first.recognition.format!.kind) ?? 0
            let rank = order.firstIndex(of: format.kind) ?? 0
            if rank < firstRank {
                kept.removeAll { $0.path == first.path }
                kept.append(file)
                notUsed.append(NotUsedInput(path: first.path, reason: Self.repeatedRevenue(first, file)))
            } else {
                notUsed.append(NotUsedInput(path: file.path, reason: Self.repeatedRevenue(file, first)))
            }
        }
        files = kept
    }

    static func repeatedRevenue(_ dropped: File, _ read: File) -> String {
        "\(dropped.recognition.label) export: the same revenue is in \(fileName(read.path)) "
            + "(\(read.recognition.label)); reading both would count it twice"
    }

    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// The header of a file, read from its first 64 KiB; nil when it cannot be read.
    static func sniffHeader(path: String) -> [String]? {
        if case .success(let header) = readHeader(path: path) { return header }
        return nil
    }

    static func readHeader(path: String) -> Result<[String], NotUsedReason> {
        // Through `FileSource`, as the loader reads, so what cannot be loaded is not listed as read.
        let file: FileSource
        do { file = try FileSource(path: path) } catch { return .failure(NotUsedReason(text: "cannot be read: \(error.reason)")) }
        guard file.size > 0 else { return .failure("empty file") }
        let bytes: [UInt8]
        do { bytes = try file.head(limit: 65_536) } catch {
            return .failure(NotUsedReason(text: "cannot be read: \(error.reason)"))
        }
        guard !bytes.isEmpty else { return .failure("empty file") }
        do {
            let header = try CSVTable(bytes: bytes).header
            if header.allSatisfy(\.isEmpty) { return .failure("no header row") }
            return .success(header)
        } catch {
            switch error {
            case .empty: return .failure("empty file")
            case .binary: return .failure("not a text file (NUL bytes): export it as CSV")
            case .unterminatedQuote: return .failure("its header has a quote that is never closed")
            }
        }
    }

    /// Why a file's header cannot be read.
    struct NotUsedReason: Error, ExpressibleByStringLiteral {
        var text: String
        init(stringLiteral value: String) { text = value }
        init(text: String) { self.text = text }
    }
}
