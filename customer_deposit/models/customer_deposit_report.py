# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

AGE_BUCKETS = [
    ("0_30", "0-30"),
    ("31_60", "31-60"),
    ("61_90", "61-90"),
    ("90_plus", "90+"),
]


class CustomerDepositUnappliedReport(models.TransientModel):
    """One line per deposit open on an as-of date, for one run of the Unapplied Deposits
    wizard. Lines are written by a single INSERT ... SELECT aggregating the journal items on
    the deposit account (see ``_fill``); nothing here is read from today's reconciliation
    state, so an application unapplied after the as-of date still counts on that date."""

    _name = "customer.deposit.unapplied.report"
    _description = "Unapplied Customer Deposits at a Date"
    _order = "partner_name, deposit_date, deposit_id"
    _rec_name = "deposit_id"

    wizard_id = fields.Many2one(
        comodel_name="customer.deposit.unapplied.wizard",
        string="Report Run",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    as_of_date = fields.Date(string="As of", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    deposit_id = fields.Many2one(comodel_name="customer.deposit", readonly=True)
    partner_id = fields.Many2one(comodel_name="res.partner", string="Customer", readonly=True)
    partner_name = fields.Char(readonly=True)
    sale_order_id = fields.Many2one(comodel_name="sale.order", string="Sales Order", readonly=True)
    deposit_date = fields.Date(readonly=True)
    payment_reference = fields.Char(readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    company_currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    amount = fields.Monetary(
        string="Amount Received",
        currency_field="currency_id",
        aggregator=None,
        readonly=True,
    )
    balance_currency = fields.Monetary(
        string="Unapplied (Deposit Currency)",
        currency_field="currency_id",
        aggregator=None,
        readonly=True,
        help="Sum, in the deposit's currency, of the deposit's posted journal items on the "
        "deposit account dated on or before the as-of date.",
    )
    balance = fields.Monetary(
        string="Unapplied",
        currency_field="company_currency_id",
        readonly=True,
        help="Same sum in company currency: the deposit's share of the deposit account balance "
        "on the as-of date.",
    )
    age_days = fields.Integer(
        string="Age (Days)",
        aggregator="max",
        readonly=True,
        help="Days between the deposit date and the as-of date.",
    )
    age_bucket = fields.Selection(selection=AGE_BUCKETS, string="Age", readonly=True)
    amount_0_30 = fields.Monetary(
        string="0-30", currency_field="company_currency_id", readonly=True
    )
    amount_31_60 = fields.Monetary(
        string="31-60", currency_field="company_currency_id", readonly=True
    )
    amount_61_90 = fields.Monetary(
        string="61-90", currency_field="company_currency_id", readonly=True
    )
    amount_90_plus = fields.Monetary(
        string="90+", currency_field="company_currency_id", readonly=True
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _deposit_accounts_query(self, companies):
        """Accounts of the tie-out: the companies' deposit account and every account a
        deposit of theirs was booked on (the setting may have changed since)."""
        return SQL(
            """
            SELECT deposit_account_id FROM res_company
             WHERE id IN %(companies)s AND deposit_account_id IS NOT NULL
             UNION
            SELECT deposit_account_id FROM customer_deposit
             WHERE company_id IN %(companies)s AND deposit_account_id IS NOT NULL
            """,
            companies=tuple(companies.ids),
        )

    @api.model
    def _deposit_balances_query(self, as_of_date, companies):
        """Per deposit of ``companies``: the sums of ``amount_currency`` (deposit currency
        lines only) and ``balance`` of its posted items on its deposit account dated on or
        before ``as_of_date``. The SQL both the report and its tie-out are built on."""
        return SQL(
            """
            SELECT move.deposit_id,
                   SUM(CASE WHEN line.currency_id = deposit.currency_id
                            THEN line.amount_currency ELSE 0 END) AS balance_currency,
                   SUM(line.balance) AS balance
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN customer_deposit deposit
                ON deposit.id = move.deposit_id
               AND deposit.deposit_account_id = line.account_id
             WHERE line.parent_state = 'posted'
               AND line.date <= %(as_of_date)s
               AND deposit.company_id IN %(companies)s
             GROUP BY move.deposit_id
            """,
            as_of_date=as_of_date,
            companies=tuple(companies.ids),
        )

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    def _fill(self, wizard):
        """Replace the lines of ``wizard`` by the deposits open on its as-of date.

        Two queries whatever the number of deposits: one DELETE of the run's previous lines,
        one INSERT ... SELECT aggregating the journal items in the database. Liability
        balances are credits, so the figures are the negated sums.
        """
        companies = wizard._get_companies()
        self.env.flush_all()
        self.env.cr.execute(
            SQL("DELETE FROM customer_deposit_unapplied_report WHERE wizard_id = %s", wizard.id)
        )
        amount = SQL("(-totals.balance)")
        age = SQL("(%s::date - deposit.date)", wizard.as_of_date)

        def bucket(condition):
            return SQL("CASE WHEN %s THEN %s ELSE 0 END", condition, amount)

        self.env.cr.execute(
            SQL(
                """
                INSERT INTO customer_deposit_unapplied_report (
                    wizard_id, as_of_date, company_id, deposit_id, partner_id, partner_name,
                    sale_order_id, deposit_date, payment_reference, currency_id,
                    company_currency_id, amount, balance_currency, balance, age_days,
                    age_bucket, amount_0_30, amount_31_60, amount_61_90, amount_90_plus,
                    create_uid, create_date, write_uid, write_date
                )
                SELECT %(wizard)s, %(as_of_date)s, deposit.company_id, deposit.id,
                       deposit.partner_id, partner.name, deposit.sale_order_id, deposit.date,
                       deposit.payment_reference, deposit.currency_id, company.currency_id,
                       deposit.amount, -totals.balance_currency, %(amount)s, %(age)s,
                       CASE WHEN %(age)s <= 30 THEN '0_30'
                            WHEN %(age)s <= 60 THEN '31_60'
                            WHEN %(age)s <= 90 THEN '61_90'
                            ELSE '90_plus' END,
                       %(b0)s, %(b31)s, %(b61)s, %(b90)s,
                       %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM (%(totals)s) totals
                  JOIN customer_deposit deposit ON deposit.id = totals.deposit_id
                  JOIN res_partner partner ON partner.id = deposit.partner_id
                  JOIN res_company company ON company.id = deposit.company_id
                  JOIN res_currency currency ON currency.id = deposit.currency_id
                  JOIN res_currency company_currency ON company_currency.id = company.currency_id
                 WHERE ROUND(totals.balance_currency, currency.decimal_places) != 0
                    OR ROUND(totals.balance, company_currency.decimal_places) != 0
                """,
                wizard=wizard.id,
                as_of_date=wizard.as_of_date,
                amount=amount,
                age=age,
                b0=bucket(SQL("%s <= 30", age)),
                b31=bucket(SQL("%s BETWEEN 31 AND 60", age)),
                b61=bucket(SQL("%s BETWEEN 61 AND 90", age)),
                b90=bucket(SQL("%s > 90", age)),
                uid=self.env.uid,
                totals=self._deposit_balances_query(wizard.as_of_date, companies),
            )
        )
        self.invalidate_model()
