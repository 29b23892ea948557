import Model

/// A surveys row as read on its own (see `RowBlocks`): empty, skipped before its response id
/// is looked at, or its id with the rest of the row (`SurveyRowAnswers`).
enum SurveyRowDecode: Sendable {
    case empty
    /// Skipped for its field count, for having no score at all or for its date.
    case early(RowSkip)
    case identified(id: String?, SurveyRowAnswers)
}

/// A surveys row after its id: skipped before its customer is looked up (an unknown survey
/// kind), or its customer as found from the id bytes (nil: not a customer id as written) with
/// its answers — whose `customer` is left empty — or the skip they earn.
enum SurveyRowAnswers: Sendable {
    case unknownKind(RowSkip)
    case answered(customerByID: CustomerIndex?, Result<[SurveyResponse], RowSkip>)
}

/// Reads one surveys row without looking at any other (the part of `loadSurveys` that runs on
/// both cores). The checks run in the order one pass makes them, split where that pass
/// consults what earlier rows left: the repeated response ids, and the customer join by
/// other keys (`loadSurveys` does both in row order).
struct SurveyRowDecoding: Sendable {
    let reader: FieldReader
    /// The loaded customers' ids (read only).
    let customerIndex: ByteKeyedIndex
    /// Whether scores come in NPS/CSAT columns of their own.
    let split: Bool
    /// A product's own survey kind, or the one the file name says.
    let fixedKind: SurveyKind?
    let scoreColumns: [Int?]
    let noRatingColumn: Int?
    let kindColumn: Int?, idColumn: Int?, customerColumn: Int?, commentColumn: Int?
    /// A product's rating labels by header key ("Good, I'm satisfied" → 1), and their names for messages.
    let labels: [String: Double]
    let labelNames: String

    func decode(_ row: RowView) -> SurveyRowDecode {
        if row.isEmptyRow { return .empty }
        do throws(RowSkip) {
            try reader.checkShape(row)
            // No answer at all (a contact who never took the survey) is not a response.
            if scoreColumns.allSatisfy({ row.isBlank($0) }) {
                throw RowSkip(reason: "no_rating", column: noRatingColumn, message: "no score given")
            }
            let day = try reader.notAfterToday(reader.requiredDay("date", row), "date", row)
            return .identified(id: row.string(idColumn), answers(row, day: day))
        } catch {
            return .early(error)
        }
    }

    private func answers(_ row: RowView, day: Day) -> SurveyRowAnswers {
        var answers: [(kind: SurveyKind, field: String, column: Int?)] = []
        if split {
            for (field, kind) in [("nps_score", SurveyKind.nps), ("csat_score", .csat)] where reader.text(field, row) != nil {
                answers.append((kind, field, reader.column(field)))
            }
            if let kind = ValueVocabulary.surveyKind(reader.text("kind", row)), reader.text("score", row) != nil {
                answers.append((kind, "score", reader.column("score")))
            }
        } else if let kind = fixedKind ?? ValueVocabulary.surveyKind(row.string(kindColumn)) {
            answers.append((kind, "score", reader.column("score")))
        } else {
            return .unknownKind(RowSkip(reason: "bad_kind", column: kindColumn,
                                        message: "unknown survey \"\(row.string(kindColumn) ?? "")\"; expected NPS, CSAT or CES"))
        }
        let byID: CustomerIndex? = row.withBytes(customerColumn) { raw in
            let c = ByteCursor(raw)
            return c.isAtEnd ? nil : customerIndex.value(for: UnsafeBufferPointer(rebasing: raw[c.index..<c.end]))
        }
        let responses = Result { () throws(RowSkip) -> [SurveyResponse] in
            var responses: [SurveyResponse] = []
            for answer in answers {
                let (kind, score) = try self.score(answer.kind, answer.field, answer.column, row)
                responses.append(SurveyResponse(customer: nil, day: day, kind: kind, score: score,
                                                comment: row.string(commentColumn)))
            }
            guard !responses.isEmpty else {
                throw RowSkip(reason: "no_rating", column: reader.column("score"), message: "no score given")
            }
            return responses
        }
        return .answered(customerByID: byID, responses)
    }

    /// The score of one answer: a rating label, a plain number, "good"/"bad" (a good/bad CSAT),
    /// else the field read as a number; within the kind's range (whole numbers but for CSAT).
    private func score(_ kind: SurveyKind, _ field: String, _ column: Int?, _ row: RowView) throws(RowSkip)
        -> (SurveyKind, Double) {
        var k = kind
        let score: Double
        if !labels.isEmpty {
            let text = reader.text(field, row) ?? ""
            guard let labelled = labels[headerKey(text)] else {
                throw RowSkip(reason: "bad_score", column: column,
                              message: "unknown rating \"\(text)\"; expected one of \(labelNames)")
            }
            score = labelled
        } else if let number = Self.plainNumber(row, column) {
            score = number
        } else if case let key = headerKey(reader.text(field, row) ?? ""), key.hasPrefix("good") || key.hasPrefix("bad") {
            k = .csatGoodBad
            score = key.hasPrefix("good") ? 1 : 0
        } else if case let key = headerKey(reader.text(field, row) ?? ""),
                  key.isEmpty || key == "offered" || key == "unoffered" || key == "notoffered" {
            throw RowSkip(reason: "no_rating", column: column, message: "no score given (\"\(reader.text(field, row) ?? "")\")")
        } else {
            guard let v = try reader.number(field, row, reason: "bad_score") else {
                throw RowSkip(reason: "no_rating", column: column, message: "no score given")
            }
            score = v
        }
        let range: ClosedRange<Double>
        switch k {
        case .nps: range = 0...10
        case .csat: range = 1...5
        case .ces: range = 1...7
        case .csatGoodBad: range = 0...1
        }
        guard range.contains(score), score == score.rounded() || k == .csat else {
            throw RowSkip(reason: "bad_score", column: column,
                          message: "score \(reader.text(field, row) ?? "") is outside \(k.rawValue.uppercased()) range "
                            + "\(Int(range.lowerBound))–\(Int(range.upperBound))")
        }
        return (k, score)
    }

    /// A score written as a plain number (a digit, sign or point first), read without making
    /// a `String`; nil for anything else (words, "good"/"bad", empty), which takes the general path.
    private static func plainNumber(_ row: RowView, _ column: Int?) -> Double? {
        row.withBytes(column) { raw in
            let c = ByteCursor(raw)
            guard !c.isAtEnd else { return nil }
            let first = raw[c.index]
            guard (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2B || first == 0x2E else { return nil }
            if case .amount(let v, nil) = MoneyParsing.read(raw, mark: nil) { return v }
            return nil
        }
    }
}
