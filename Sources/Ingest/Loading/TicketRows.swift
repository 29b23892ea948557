import Model

/// Support tickets.
extension DatasetBuilder {
    mutating func loadTickets(_ path: String, _ recognition: Recognition = Recognition(entity: .tickets, format: nil, evidence: "option"))
        throws(IngestError) {
        let (table, reader, start, hashing) = try openRows(path, recognition)
        var accounting = start
        var productRows = ProductRowRules(format: reader.format, dateField: "created")
        var unknownCustomers = 0
        var ids = Set<String>()
        let durations = TicketDurations(reader)
        try table.forEachRow { row throws(IngestError) in
            do throws(RowSkip) {
                if row.isEmptyRow { throw RowSkip(reason: "empty_row", column: 0, message: "row has no values") }
                try productRows.check(row, reader: reader)
                try reader.checkShape(row)
                guard let created = try reader.instant("created", row) else {
                    throw RowSkip(reason: "bad_date", column: reader.column("created"),
                                  message: "no date in column \"\(reader.headerName("created"))\"")
                }
                _ = try reader.notAfterToday(created.day(utcOffset: reader.timeZone.offset(at: created)), "created", row)
                let id = reader.text("id", row) ?? "\(path):\(row.line)"
                if ids.contains(id) {
                    throw RowSkip(reason: "duplicate_id", column: reader.column("id"),
                                  message: "ticket id \"\(id)\" appears on an earlier row")
                }
                var firstResponse = try reader.instant("first_response", row)
                if firstResponse == nil { firstResponse = try durations.firstResponse(reader, row, created: created) }
                var resolved = try reader.instant("resolved", row)
                if resolved == nil { resolved = try durations.resolved(reader, row, created: created) }
                let priorityText = reader.text("priority", row)
                guard let priority = ValueVocabulary.priority(priorityText) else {
                    throw RowSkip(reason: "bad_priority", column: reader.column("priority"),
                                  message: "unknown priority \"\(priorityText ?? "")\"; expected low, normal, high or urgent")
                }
                let customer = customerReference(reader.text("customer", row), line: row.line)
                if customer == nil { unknownCustomers += 1 }
                ids.insert(id)
                dataset.tickets.append(SupportTicket(id: id, customer: customer, created: created,
                                                     firstResponse: firstResponse, resolved: resolved, priority: priority,
                                                     status: reader.text("status", row)?.lowercased() ?? "open"))
                accounting.use()
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        }
        try finish(accounting, hashing: hashing, unknownCustomers: unknownCustomers, noun: "ticket",
                   kept: "kept for overall support numbers, left out of per-customer views")
    }
}
