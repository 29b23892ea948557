import Model

/// Survey responses (NPS, CSAT, CES, good/bad ratings).
extension DatasetBuilder {
    mutating func loadSurveys(_ path: String, _ recognition: Recognition = Recognition(entity: .surveys, format: nil, evidence: "option"))
        throws(IngestError) {
        let (table, reader, start, hashing) = try open(path, recognition)
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
        // Rows decoded on both cores (`RowBlocks`); what depends on earlier rows (product row
        // rules, repeated ids, the customer join by other keys) and every count happens here,
        // in row order.
        try RowBlocks.forEachRow(table, threads: RowBlocks.threads(table, requested: tableThreads),
                                 decode: { decoding.decode($0) }) { row, decoded throws(IngestError) in
            do throws(RowSkip) {
                if case .empty = decoded { throw RowSkip(reason: "empty_row", column: 0, message: "row has no values") }
                try productRows.check(row, reader: reader)
                guard case .identified(let id, let rest) = decoded else {
                    if case .early(let skip) = decoded { throw skip }
                    return
                }
                if let id {
                    if ids.contains(id) {
                        throw RowSkip(reason: "duplicate_id", column: idColumn,
                                      message: "response id \"\(id)\" appears on an earlier row")
                    }
                    ids.insert(id)
                }
                guard case .answered(let byID, let answers) = rest else {
                    if case .unknownKind(let skip) = rest { throw skip }
                    return
                }
                let customer = surveyCustomer(row, customerColumn, byID: byID)
                let responses: SurveyRowResponses
                switch answers {
                case .failure(let skip): throw skip
                case .success(let r): responses = r
                }
                if customer == nil { unknownCustomers += 1 }
                // The comment, trimmed: its number in the answers' comment table, made (with its
                // `String`) only the first time its bytes are met.
                let comment = row.withBytes(commentColumn) { raw -> Int32? in
                    let c = ByteCursor(raw)
                    guard !c.isAtEnd else { return nil }
                    return comments.value(for: UnsafeBufferPointer(rebasing: raw[c.index..<c.end])) {
                        dataset.surveys.addComment(String(decoding: $0, as: UTF8.self))
                    }
                }
                switch responses {
                case .one(var response):
                    response.customer = customer
                    dataset.surveys.append(response, commentNumber: comment)
                case .several(let all):
                    for var response in all {
                        response.customer = customer
                        dataset.surveys.append(response, commentNumber: comment)
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
