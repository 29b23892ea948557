import Model

/// A surveys row as read on its own (see `RowBlocks`): empty, skipped before its response id
/// is looked at, or its response id (nil: none) with the rest of the row. Past the id: skipped
/// before its customer is looked up (an unknown survey kind), or its customer as found from
/// the id bytes (nil: not a customer id as written) with its answers — one (a score column and
/// a kind; its fields inline, so that the common row costs no allocation and no reference),
/// several (NPS and CSAT columns of their own; their `customer` and `comment` left empty) or
/// the skip they earn. One flat enum: `loadSurveys` takes each row's payload in one match.
enum SurveyRowDecode: Sendable {
    case empty
    /// Skipped for its field count, for having no score at all or for its date.
    case early(RowSkip)
    case unknownKind(id: String?, RowSkip)
    case badAnswer(id: String?, customerByID: CustomerIndex?, RowSkip)
    case one(id: String?, customerByID: CustomerIndex?, day: Day, kind: SurveyKind, score: Double)
    case several(id: String?, customerByID: CustomerIndex?, [SurveyResponse])
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

    /// The fields rows are read through, resolved once per file.
    private let dateField, scoreField, npsField, csatField: FieldReader.Field

    init(reader: FieldReader, customerIndex: ByteKeyedIndex, split: Bool, fixedKind: SurveyKind?,
         scoreColumns: [Int?], noRatingColumn: Int?, kindColumn: Int?, idColumn: Int?, customerColumn: Int?,
         commentColumn: Int?, labels: [String: Double], labelNames: String) {
        self.reader = reader
        self.customerIndex = customerIndex
        self.split = split
        self.fixedKind = fixedKind
        self.scoreColumns = scoreColumns
        self.noRatingColumn = noRatingColumn
        self.kindColumn = kindColumn
        self.idColumn = idColumn
        self.customerColumn = customerColumn
        self.commentColumn = commentColumn
        self.labels = labels
        self.labelNames = labelNames
        dateField = reader.field("date")
        scoreField = reader.field("score")
        npsField = reader.field("nps_score")
        csatField = reader.field("csat_score")
    }

    func decode(_ row: RowView) -> SurveyRowDecode {
        if row.isEmptyRow { return .empty }
        do throws(RowSkip) {
            try reader.checkShape(row)
            // No answer at all (a contact who never took the survey) is not a response.
            if scoreColumns.allSatisfy({ row.isBlank($0) }) {
                throw RowSkip(reason: "no_rating", column: noRatingColumn, message: "no score given")
            }
            let day = try reader.notAfterToday(reader.requiredDay(dateField, row), dateField, row)
            return answers(row, id: row.string(idColumn), day: day)
        } catch {
            return .early(error)
        }
    }

    private func answers(_ row: RowView, id: String?, day: Day) -> SurveyRowDecode {
        if split { return splitAnswers(row, id: id, day: day) }
        guard let kind = fixedKind ?? row.withBytes(kindColumn, ValueVocabulary.surveyKind(bytes:)) else {
            return .unknownKind(id: id, RowSkip(reason: "bad_kind", column: kindColumn,
                                                message: "unknown survey \"\(row.string(kindColumn) ?? "")\"; expected NPS, CSAT or CES"))
        }
        let byID = customer(row)
        do throws(RowSkip) {
            let (k, score) = try self.score(kind, scoreField, row)
            return .one(id: id, customerByID: byID, day: day, kind: k, score: score)
        } catch {
            return .badAnswer(id: id, customerByID: byID, error)
        }
    }

    /// The customer the row's customer field names as an id as written, found from its bytes.
    @inline(__always)
    private func customer(_ row: RowView) -> CustomerIndex? {
        row.withBytes(customerColumn) { raw in
            let c = ByteCursor(raw)
            return c.isAtEnd ? nil : customerIndex.value(for: UnsafeBufferPointer(rebasing: raw[c.index..<c.end]))
        }
    }

    /// The answers of a file with NPS and CSAT columns of their own (and maybe a kind and score).
    private func splitAnswers(_ row: RowView, id: String?, day: Day) -> SurveyRowDecode {
        var answers: [(kind: SurveyKind, field: FieldReader.Field)] = []
        for (field, kind) in [(npsField, SurveyKind.nps), (csatField, .csat)] where reader.text(field, row) != nil {
            answers.append((kind, field))
        }
        if let kind = row.withBytes(kindColumn, ValueVocabulary.surveyKind(bytes:)), reader.text(scoreField, row) != nil {
            answers.append((kind, scoreField))
        }
        let byID = customer(row)
        do throws(RowSkip) {
            var responses: [SurveyResponse] = []
            for answer in answers {
                let (kind, score) = try self.score(answer.kind, answer.field, row)
                responses.append(SurveyResponse(customer: nil, day: day, kind: kind, score: score))
            }
            guard !responses.isEmpty else {
                throw RowSkip(reason: "no_rating", column: scoreField.column, message: "no score given")
            }
            return .several(id: id, customerByID: byID, responses)
        } catch {
            return .badAnswer(id: id, customerByID: byID, error)
        }
    }

    /// The score of one answer: a rating label, a plain number, "good"/"bad" (a good/bad CSAT),
    /// else the field read as a number; within the kind's range (whole numbers but for CSAT).
    private func score(_ kind: SurveyKind, _ field: FieldReader.Field, _ row: RowView) throws(RowSkip)
        -> (SurveyKind, Double) {
        let column = field.column
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
