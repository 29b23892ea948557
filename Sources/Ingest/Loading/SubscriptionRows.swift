import Model

/// Subscriptions → `Subscription` with monthly recurring revenue.
extension DatasetBuilder {
    mutating func loadSubscriptions(_ path: String, _ recognition: Recognition = Recognition(entity: .subscriptions, format: nil, evidence: "option"))
        throws(IngestError) {
        let (table, reader, start, hashing) = try openRows(path, recognition)
        var accounting = start
        var productRows = ProductRowRules(format: reader.format, dateField: "start")
        var ids = Set<String>()
        let minorUnits = MinorUnitColumns(reader)
        accounting.warnings += minorUnits.notes
        try table.forEachRow { row throws(IngestError) in
            do throws(RowSkip) {
                if row.isEmptyRow { throw RowSkip(reason: "empty_row", column: 0, message: "row has no values") }
                try productRows.check(row, reader: reader)
                try reader.checkShape(row)
                let startDay = try reader.requiredDay("start", row)
                let end = try reader.day("end", row)
                if let end, end < startDay {
                    throw RowSkip(reason: "bad_date", column: reader.column("end"),
                                  message: "subscription ends (\(end)) before it starts (\(startDay))")
                }
                let statusKey = headerKey(reader.text("status", row) ?? "")
                if end == nil && ValueVocabulary.isEndedStatus(statusKey) {
                    throw RowSkip(reason: "missing_end_date", column: reader.column("end") ?? reader.column("status"),
                                  message: "status \"\(reader.text("status", row) ?? "")\" but no end date")
                }
                guard let (amount, symbolCurrency) = try reader.amount("amount", row) else {
                    throw RowSkip(reason: "bad_amount", column: reader.column("amount"),
                                  message: "no amount in column \"\(reader.headerName("amount"))\"")
                }
                let tax = try reader.amount("tax", row)?.value ?? 0
                let quantity = try reader.number("quantity", row) ?? 1
                guard quantity >= 0 else {
                    throw RowSkip(reason: "bad_amount", column: reader.column("quantity"), message: "negative quantity")
                }
                var interval = ValueVocabulary.Interval.months(1)
                if let text = reader.text("interval", row) {
                    guard let i = ValueVocabulary.interval(text) else {
                        throw RowSkip(reason: "bad_interval", column: reader.column("interval"),
                                      message: "unknown billing interval \"\(text)\"")
                    }
                    interval = i
                }
                if let n = try reader.number("interval_count", row) {
                    guard n >= 1, n <= 100, n == n.rounded() else {
                        throw RowSkip(reason: "bad_interval", column: reader.column("interval_count"),
                                      message: "interval count \(reader.text("interval_count", row) ?? "") is not a whole number from 1 to 100")
                    }
                    switch interval {
                    case .months(let m): interval = .months(m * Int(n))
                    case .weeks(let w): interval = .weeks(w * Int(n))
                    case .days(let d): interval = .days(d * Int(n))
                    }
                }
                let id = reader.text("id", row) ?? "\(path):\(row.line)"
                if ids.contains(id) {
                    throw RowSkip(reason: "duplicate_id", column: reader.column("id"),
                                  message: "subscription id \"\(id)\" appears on an earlier row")
                }
                let customerText = reader.text("customer", row)
                guard let customerText else {
                    throw RowSkip(reason: "missing_customer", column: reader.column("customer"), message: "no customer id")
                }
                var key = customerText
                let index = key.withUTF8 { revenueCustomer($0, day: startDay, line: row.line) }
                guard let index else {
                    throw RowSkip(reason: "unknown_customer", column: reader.column("customer"),
                                  message: "customer \"\(customerText)\" is not in the customer file")
                }
                let currency = reader.text("currency", row)?.uppercased() ?? symbolCurrency
                let isTrial = ValueVocabulary.isTrialStatus(statusKey) || amount == 0
                let monthly = interval.monthly(minorUnits.net(amount: amount, tax: tax, refunded: 0,
                                                              currency: currency ?? book.reportCurrency) * quantity)
                let mrr = isTrial ? 0 : book.convert(monthly, currency: currency)
                if isTrial { _ = book.convert(0, currency: currency) }
                ids.insert(id)
                dataset.subscriptions.append(Subscription(id: id, customer: index, start: startDay, end: end, mrr: mrr,
                                                          plan: reader.text("plan", row), isTrial: isTrial))
                accounting.use()
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        }
        applyRevenueSignups()
        accounting.sha256 = try hashing.wait()
        dataset.inputs.append(accounting)
        try finish(accounting)
    }
}
