import Model

/// Survey responses (NPS, CSAT, CES, good/bad ratings).
extension DatasetBuilder {
    mutating func loadSurveys(_ path: String, _ recognition: Recognition = Recognition(entity: .surveys, format: nil, evidence: "option"))
        throws(IngestError) {
        let (table, reader, start, hashing) = try openRows(path, recognition)
        var accounting = start
        var productRows = ProductRowRules(format: reader.format, dateField: "date")
        var unknownCustomers = 0
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        // A product's own survey kind wins over any column that looks like a kind (Freshdesk's
        // ticket "Type" is Incident/Question, not the survey).
        let fixedKind: SurveyKind? = reader.format?.rules.surveyKind
            ?? (reader.column("kind") == nil ? ValueVocabulary.surveyKind(fileName) : nil)
        let split = reader.column("nps_score") != nil || reader.column("csat_score") != nil
        if !split && (reader.column("score") == nil || (reader.column("kind") == nil && fixedKind == nil)) {
            if reader.column("score") == nil {
                throw .missingColumn(path: path, entity: .surveys, field: "score",
                                     tried: HeaderSynonyms.candidates(.surveys, "score"))
            }
            throw .unknownSurveyKind(path: path)
        }
        var ids = Set<String>()
        var comments = ByteKeyedCache<Int32>()
        let scoreFields = split ? ["nps_score", "csat_score", "score"] : ["score"]
        let rated = reader.format?.rules.ratingLabels ?? []
        let customerColumn = reader.column("customer"), idColumn = reader.column("id")
        let commentColumn = reader.column("comment")
        let decoding = SurveyRowDecoding(
            reader: reader, customerIndex: customerIndex, split: split, fixedKind: fixedKind,
            scoreColumns: scoreFields.map { reader.column($0) },
            noRatingColumn: reader.column(scoreFields.first { reader.column($0) != nil } ?? "score"),
            kindColumn: reader.column("kind"), idColumn: idColumn, customerColumn: customerColumn,
            commentColumn: commentColumn,
            labels: Dictionary(rated.map { (headerKey($0.label), $0.score) }, uniquingKeysWith: { a, _ in a }),
            labelNames: rated.map { "\"\($0.label)\"" }.joined(separator: ", "))
        dataset.surveys.reserveCapacity(dataset.surveys.count + table.rowCount)  // one answer a row, as a rule
        // The comment, trimmed: its number in the answers' comment table, made (with its
        // `String`) only the first time its bytes are met.
        func comment(_ row: RowView) -> Int32? {
            row.withBytes(commentColumn) { raw -> Int32? in
                let c = ByteCursor(raw)
                guard !c.isAtEnd else { return nil }
                return comments.value(for: UnsafeBufferPointer(rebasing: raw[c.index..<c.end])) {
                    dataset.surveys.addComment(String(decoding: $0, as: UTF8.self))
                }
            }
        }
        // Rows decoded on both cores (`RowBlocks`); what depends on earlier rows (product row
        // rules, repeated ids, the customer join by other keys) and every count happens here,
        // in row order.
        try table.forEachRow(threads: table.threads(requested: tableThreads), decode: { decoding.decode($0) }) { row, decoded throws(IngestError) in
            do throws(RowSkip) {
                switch decoded {
                case .empty: throw RowSkip(reason: "empty_row", column: 0, message: "row has no values")
                case .early(let skip):
                    try productRows.check(row, reader: reader)
                    throw skip
                case .unknownKind(let rowID, let skip):
                    try productRows.check(row, reader: reader)
                    try Self.noteID(rowID, column: idColumn, seen: &ids)
                    throw skip
                case .badAnswer(let rowID, let customerByID, let skip):
                    try productRows.check(row, reader: reader)
                    try Self.noteID(rowID, column: idColumn, seen: &ids)
                    _ = surveyCustomer(row, customerColumn, byID: customerByID)
                    throw skip
                case .one(let rowID, let customerByID, let day, let kind, let score):
                    try productRows.check(row, reader: reader)
                    try Self.noteID(rowID, column: idColumn, seen: &ids)
                    let customer = surveyCustomer(row, customerColumn, byID: customerByID)
                    if customer == nil { unknownCustomers += 1 }
                    let number = comment(row)
                    dataset.surveys.append(SurveyResponse(customer: customer, day: day, kind: kind, score: score),
                                           commentNumber: number)
                case .several(let rowID, let customerByID, let all):
                    try productRows.check(row, reader: reader)
                    try Self.noteID(rowID, column: idColumn, seen: &ids)
                    let customer = surveyCustomer(row, customerColumn, byID: customerByID)
                    if customer == nil { unknownCustomers += 1 }
                    let number = comment(row)
                    for var response in all {
                        response.customer = customer
                        dataset.surveys.append(response, commentNumber: number)
                    }
                }
                accounting.use()
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        }
        try finish(accounting, hashing: hashing, unknownCustomers: unknownCustomers, noun: "response",
                   kept: "kept for overall scores, left out of per-customer and per-segment views")
    }

    /// Remembers a row's response id; a repeated one skips the row (`duplicate_id`).
    private static func noteID(_ id: String?, column: Int?, seen ids: inout Set<String>) throws(RowSkip) {
        guard let id else { return }
        if !ids.insert(id).inserted {
            throw RowSkip(reason: "duplicate_id", column: column, message: "response id \"\(id)\" appears on an earlier row")
        }
    }

    /// The customer a survey row names: `byID`, found from the field bytes when it is an id as
    /// written (counted as an id match); other keys go through `customerReference`.
    private mutating func surveyCustomer(_ row: RowView, _ column: Int?, byID: CustomerIndex?) -> CustomerIndex? {
        if let byID {
            if joining.file != nil { joining.keyed.idMatches &+= 1 }
            return byID
        }
        return customerReference(row.string(column), line: row.line)
    }
}
