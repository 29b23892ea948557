/// The methodology text of the predictive models: inputs, assumptions and where they fail.
public enum PredictionDefinitions {
    public static let purchases = """
        Order businesses: the BG/NBD model (Fader, Hardie & Lee 2005) is fitted by maximum likelihood on every \
        customer's repeat purchase days x (purchases on the same day count once), the time of the last purchase \
        and the time since the first, in weeks, using orders up to the report date. It assumes each customer buys \
        at a steady random rate while "alive" and may drop out after any purchase, never to return. Per customer \
        it gives P(alive) and the expected purchases in the next 13 and 52 weeks. Gamma-Gamma (Fader, Hardie & \
        Lee 2005) is fitted on the mean value of repeat purchase days and shrinks each customer's mean toward \
        everyone's; it assumes what a customer spends per purchase does not depend on how often they buy. \
        12-month CLV = each month's expected purchases × expected purchase value × gross margin, discounted \
        monthly at the configured annual rate. Where it fails: few customers or few repeat buyers (the fit is \
        noisy or refused), less than a year of history, seasonality, subscriptions disguised as orders, and a \
        business that changed (prices, range, a marketing push), since the model assumes the past rates hold.
        """

    public static let churn = """
        The churn model is a logistic regression (L2-regularised, fitted by Newton's method on standardised \
        features) predicting whether a customer active at a month end stops being active within 90 days. \
        Inputs known at that month end: tenure, monthly revenue and its 3-month change, latest NPS and CSAT, \
        tickets opened in 90 days and overdue tickets, days since the last order, each health rule's points and \
        the plan. Last-login dates, status and the CRM churn date are left out because the export holds only \
        their latest value, which would reveal the future at a past month end. Training rows are every active \
        customer at every month end whose 90 days are observed; the regularisation is chosen by time-ordered \
        cross-validation. The backtest scores the customers active at the latest month end with 90 observed \
        days after it, with a model fitted only on month ends at least 90 days earlier, and compares with what \
        happened: AUC (chance of ranking a churner above a stayer; 0.5 is a coin), Brier score (mean squared \
        error of the probability), calibration by tenths of probability and lift in the top tenth. The health \
        score is judged the same way (turned into a probability on the same training rows); when the model \
        does not beat it, the list is ranked by health. Where it fails: fewer than a few hundred rows or ten \
        churns (not fitted), a short history (no backtest), a business that changed (the past no longer \
        predicts), and churn driven by things the exports do not hold.
        """
}
