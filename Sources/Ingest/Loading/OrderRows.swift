import Model

/// Orders, streamed (see `OrderStream`).
extension DatasetBuilder {
    mutating func loadOrders(_ path: String) throws(IngestError) {
        if try loadAlignedOrders(path) { return }
        let stream = try OrderStream(path: path, options: joinOptions(path, .orders, table: nil), computeSHA256: true,
                                     reportCurrency: book.reportCurrency)
        var seen = FingerprintSet()
        dataset.orders.reserveCapacity(dataset.orders.count + stream.estimatedRowCount + stream.estimatedRowCount / 16)
        let hasIDs = stream.reader.column("id") != nil
        let (result, streamBook) = try stream.run { order in
            guard let customer = revenueCustomer(order.customerID, day: order.day, line: order.line) else { return .unknownCustomer }
            if hasIDs && !order.orderID.isEmpty {
                guard seen.insert(IDFingerprint(order.orderID)) else { return .duplicateID }
            }
            dataset.orders.append(Order(customer: customer, day: order.day, amount: order.amount))
            return .use
        }
        if book.reportCurrency == nil { book.reportCurrency = streamBook.reportCurrency }
        book.merge(streamBook)
        applyRevenueSignups()
        dataset.inputs.append(result.accounting)
        try finish(result.accounting)
    }
}
