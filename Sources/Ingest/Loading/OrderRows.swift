import Model

/// Orders, streamed (see `OrderStream`).
extension DatasetBuilder {
    mutating func loadOrders(_ path: String, _ recognition: Recognition = Recognition(entity: .orders, format: nil, evidence: "option"))
        throws(IngestError) {
        if try loadAlignedOrders(path) { return }
        let stream = try OrderStream(path: path, options: joinOptions(path, .orders, table: nil, format: recognition.format),
                                     computeSHA256: true, reportCurrency: book.reportCurrency, format: recognition.format)
        var seen = FingerprintSet()
        dataset.orders.reserveCapacity(dataset.orders.count + stream.estimatedRowCount + stream.estimatedRowCount / 16)
        let hasIDs = stream.reader.column("id") != nil
        let (result, streamBook) = try stream.run { order in
            guard let customer = revenueCustomer(order.customerID, day: order.day, line: order.line) else { return .unknownCustomer }
            if hasIDs && !order.orderID.isEmpty {
                guard seen.insert(IDFingerprint(order.orderID)) else { return .duplicateID }
            }
            dataset.orders.append(Order(customer: customer, day: order.day, amount: order.amount))
            if let cadence = order.cadence {
                if declaredCadences.count <= customer {
                    declaredCadences += [BillingCadence?](repeating: nil, count: customer + 1 - declaredCadences.count)
                }
                declaredCadences[customer] = cadence
            }
            return .use
        }
        if book.reportCurrency == nil { book.reportCurrency = streamBook.reportCurrency }
        book.merge(streamBook)
        applyRevenueSignups()
        dataset.inputs.append(result.accounting)
        try finish(result.accounting)
    }
}
