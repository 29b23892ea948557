import Model

/// Customer Effort Score on 1–7 (7 = easiest, Gartner's "CES 2.0" agreement scale).
///
/// Reported as the mean score with a 95 % Student-t interval (mean ± t(0.975, n − 1)·s/√n,
/// `MeanInterval`; nil for n < 2) and as the share of "easy" answers, 5–7. n = 0 → nil.
/// Source: Dixon, Freeman & Toman (2010), "Stop Trying to Delight Your Customers" (HBR); Gartner CES 2.0.
public enum CES {
    public static let definition = """
        CES (customer effort score) is the mean answer on a 1–7 scale where 7 means the customer \
        found it very easy to get what they needed; the share answering 5–7 ("easy") is shown \
        alongside. The range is a 95 % Student-t interval for the mean (mean ± t × s / √n). A change \
        in the mean between periods is significant when Welch's t-test gives p < 0.05. Fewer than \
        30 responses is flagged as a small sample.
        """

    /// The lowest score that counts as easy.
    public static let easyFrom = 5
}
