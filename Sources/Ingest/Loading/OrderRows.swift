import Model

/// Orders, streamed (see `OrderStream`).
///
/// With a customers file, the file is read on two threads (`OrderStream.runInParallel`, split at a
/// record boundary; a thread done first takes over half of the other's rest), each range folding
/// its rows into an `OrderPartial`; the partials are combined in file order, so orders, counts,
/// skip examples and their lines are those of one pass. One thread reads the file when that cannot
/// hold: a file under `parallelMinimumBytes`, a product whose line-item rows continue the row
/// above; and the file is read again on one thread when the run shows an order id repeating one of
/// an earlier partition, or a first currency met (that the first MiB did not settle as the
/// report's). Without a customers file the orders create the customers, in file order, on one
/// thread.
///
/// The orders of every orders file are held by block of customers, in file order within each
/// (files in the order they are loaded: `OrderBlocks`), and grouped by customer once, after the
/// last file (`groupOrders`).
extension DatasetBuilder {
    /// Files smaller than this are read on one thread (a second gains nothing there).
    static let parallelMinimumBytes = 4 << 20
    /// A thread done with its range takes over half of another's rest from twice this many
    /// bytes up (`OrderStream.runInParallel`): 4 MiB is some 80 k rows, 20–40 ms of a core, and
    /// each range taken adds a partial to combine.
    static let takeOverMinimumBytes = 4 << 20

    /// Opens the orders file `path` and starts its SHA-256 now, on a thread of its own, so the
    /// hashing overlaps the reading of the customers (which leaves a core partly idle) instead of
    /// the orders' own two-thread pass; `loadOrders(path)` streams that opened file.
    mutating func hashAhead(_ path: String) {
        guard let file = try? FileSource(path: path) else { return }  // `loadOrders` reports it
        hashedAhead = (path, file, BackgroundHash(file: file, path: path))
    }

    mutating func loadOrders(_ path: String, _ recognition: Recognition = Recognition(entity: .orders, format: nil, evidence: "option"))
        throws(IngestError) {
        if try loadAlignedOrders(path) { return }
        let options = joinOptions(path, .orders, table: nil, format: recognition.format)
        let reportCurrency = book.reportCurrency
        var ahead = hashedAhead.flatMap { $0.path == path ? (file: $0.file, hashing: $0.hashing) : nil }
        if ahead != nil { hashedAhead = nil }
        func open(wholeProbe: Bool) throws(IngestError) -> OrderStream {
            // The file opened ahead (if any) for the first stream; a second one opens it anew.
            defer { ahead = nil }
            return try OrderStream(path: path, options: options, computeSHA256: true, reportCurrency: reportCurrency,
                                   format: recognition.format, probesWholeFile: wholeProbe, opened: ahead)
        }
        let result: OrderStreamResult, streamBook: CurrencyBook
        if hasCustomerFile {
            // The encoding and NUL checks run within the parallel pass; should they fail (or
            // anything fail that a wrong encoding may have caused), the file is read again after
            // a whole probe, as it would have been from the start.
            var folded: (OrderStreamResult, CurrencyBook)?
            do { folded = try foldOrders(open(wholeProbe: false)) } catch { folded = nil }
            if folded == nil { folded = try foldOrders(open(wholeProbe: true)) }
            // A stream opened after a whole probe checks nothing while streaming: it always folds.
            guard let folded else { preconditionFailure("orders of a wholly probed file were not folded") }
            (result, streamBook) = folded
        } else {
            (result, streamBook) = try createCustomersFromOrders(open(wholeProbe: true))
        }
        if book.reportCurrency == nil { book.reportCurrency = streamBook.reportCurrency }
        book.merge(streamBook)
        applyRevenueSignups()
        dataset.inputs.append(result.accounting)
        try finish(result.accounting)
    }

    /// Orders of known customers, on two threads where possible (see above); nil (nothing
    /// kept) when the stream's checks while streaming failed (`OrderStream.runInParallel`).
    private mutating func foldOrders(_ stream: OrderStream) throws(IngestError) -> (OrderStreamResult, CurrencyBook)? {
        let size = stream.records.file.size
        var partitions = orderPartitions ?? (size >= Self.parallelMinimumBytes ? 2 : 1)
        if stream.rules?.continuationRows == true { partitions = 1 }
        if joining.file != nil { ensureKeys() }
        let context = OrderPartial.Context(customerIndex: customerIndex, joins: joining.file != nil,
                                           hasIDs: stream.reader.column("id") != nil, keys: joining.keys,
                                           scales: orders.scales)
        // A range's share of the file's estimated rows.
        let rows = stream.estimatedRowCount, bytes = max(1, size)
        let partial = { @Sendable (rangeBytes: Int) in
            OrderPartial(context, expectedRows: Int((Double(rows) * Double(rangeBytes) / Double(bytes)).rounded(.up)) + 1)
        }
        var run = try stream.runInParallel(partitions: partitions, takeOverBytes: Self.takeOverMinimumBytes,
                                           makePartial: partial) { p, order in
            p.add(order, context)
        }
        if run.unverified { return nil }
        // Partitions that each met a first currency may have taken different ones for the report's.
        let currencyUnsettled = stream.book.reportCurrency == nil && run.book.reportCurrency != nil
        if run.partials.count > 1 && (currencyUnsettled || context.hasIDs && Self.repeatsAcrossPartitions(run.partials)) {
            // The first run's orders go before the file is read again: not held twice.
            run.partials = []
            run = try stream.runInParallel(partitions: 1, makePartial: partial) { p, order in
                p.add(order, context)
            }
        }
        if run.unverified { return nil }
        orderThreadsUsed = run.result.partitions
        for k in run.partials.indices {
            orders.append(moving: &run.partials[k].orders)
            let partial = run.partials[k]
            for (customer, cadence) in partial.declared.enumerated() {
                if let cadence { declaredCadences.state(cadence, for: customer) }
            }
            joining.keyed.merge(partial.join, lineOffset: run.lineOffsets[k])
        }
        return (run.result, run.book)
    }

    /// Whether an order id of a later partition appeared in an earlier one. Each pair is
    /// checked through the smaller set's ids (a range taken over is a small one).
    private static func repeatsAcrossPartitions(_ partials: [OrderPartial]) -> Bool {
        for k in partials.indices.dropFirst() {
            for earlier in 0..<k {
                let (a, b) = (partials[earlier].seen, partials[k].seen)
                if a.count >= b.count ? a.sharesAny(with: b) : b.sharesAny(with: a) { return true }
            }
        }
        return false
    }

    /// Orders that create their customers (no customers file), in file order.
    private mutating func createCustomersFromOrders(_ stream: OrderStream) throws(IngestError) -> (OrderStreamResult, CurrencyBook) {
        var seen = OrderIDSet(expected: stream.estimatedRowCount)
        var read = OrderBlocks(scales: orders.scales)
        let hasIDs = stream.reader.column("id") != nil
        defer { orders.append(moving: &read) }
        return try stream.run { order in
            guard let customer = revenueCustomer(order.customerID, day: order.day, line: order.line) else { return .unknownCustomer }
            if hasIDs && !order.orderID.isEmpty {
                guard seen.insert(order.orderID) else { return .duplicateID }
            }
            read.append(Order(customer: customer, day: order.day, amount: order.amount))
            if let cadence = order.cadence { declaredCadences.state(cadence, for: customer) }
            return .use
        }
    }

    /// Groups the orders of every orders file read so far by customer (`CustomerOrderBook`,
    /// on two threads: `ParallelOrderGrouping`), freeing each block as it is placed, into `dataset.orders`. Orders naming an index beyond
    /// the customers (none: the loader places only customers it knows) would be kept apart as
    /// unplaced.
    mutating func groupOrders() {
        dataset.orders = ParallelOrderGrouping.book(grouping: &orders, customerCount: dataset.customers.count)
    }
}
