# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..models.deposit_sides import DEPOSIT_SIDES

AGE_BUCKETS = [
    ("0_30", "0-30"),
    ("31_60", "31-60"),
    ("61_90", "61-90"),
    ("90_plus", "90+"),
]

# Context keys the report is computed from (set by the Unapplied Deposits wizard).
AS_OF_DATE_KEY = "deposit_as_of_date"
COMPANIES_KEY = "deposit_company_ids"


class CustomerDepositUnappliedReport(models.Model):
    """One line per deposit open on an as-of date, computed by PostgreSQL on demand, customer
    and vendor deposits alike (``partner_type``), balances positive on both sides.

    A SQL view whose query depends on the context: ``deposit_as_of_date`` (default today)
    and ``deposit_company_ids`` (default the current companies). Nothing is written: a list
    reads its page with LIMIT, grouped totals and the pivot are aggregated by the database.
    Balances are sums of the journal items on the deposit account dated on or before the
    as-of date, so an application unapplied after that date still counts on it. The line id
    is the deposit id; the figures depending on the date are cached per date."""

    _name = "customer.deposit.unapplied.report"
    _description = "Unapplied Deposits at a Date"
    _auto = False
    _order = "partner_name, deposit_date, deposit_id"
    _rec_name = "deposit_id"
    _depends = {
        "account.move.line": [
            "move_id",
            "account_id",
            "date",
            "parent_state",
            "currency_id",
            "amount_currency",
            "balance",
        ],
        "account.move": ["deposit_id"],
        "customer.deposit": [
            "company_id",
            "partner_type",
            "partner_id",
            "sale_order_id",
            "date",
            "payment_reference",
            "currency_id",
            "amount",
            "deposit_account_id",
        ],
        "res.partner": ["name"],
        "res.company": ["currency_id"],
        "res.currency": ["decimal_places"],
    }

    as_of_date = fields.Date(string="As of", readonly=True, depends_context=[AS_OF_DATE_KEY])
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    deposit_id = fields.Many2one(comodel_name="customer.deposit", readonly=True)
    partner_type = fields.Selection(
        selection=lambda self: self.env["customer.deposit"]._fields["partner_type"].selection,
        string="Deposit Side",
        readonly=True,
    )
    partner_id = fields.Many2one(comodel_name="res.partner", readonly=True)
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
        depends_context=[AS_OF_DATE_KEY],
        help="Sum, in the deposit's currency, of the deposit's posted journal items on the "
        "deposit account dated on or before the as-of date (positive on both sides).",
    )
    balance = fields.Monetary(
        string="Unapplied",
        currency_field="company_currency_id",
        readonly=True,
        depends_context=[AS_OF_DATE_KEY],
        help="Same sum in company currency: the deposit's share of the deposit account balance "
        "on the as-of date (the liability for customer deposits, the asset for vendor "
        "deposits).",
    )
    age_days = fields.Integer(
        string="Age (Days)",
        aggregator="max",
        readonly=True,
        depends_context=[AS_OF_DATE_KEY],
        help="Days between the deposit date and the as-of date.",
    )
    age_bucket = fields.Selection(
        selection=AGE_BUCKETS, string="Age", readonly=True, depends_context=[AS_OF_DATE_KEY]
    )
    amount_0_30 = fields.Monetary(
        string="0-30",
        currency_field="company_currency_id",
        readonly=True,
        depends_context=[AS_OF_DATE_KEY],
    )
    amount_31_60 = fields.Monetary(
        string="31-60",
        currency_field="company_currency_id",
        readonly=True,
        depends_context=[AS_OF_DATE_KEY],
    )
    amount_61_90 = fields.Monetary(
        string="61-90",
        currency_field="company_currency_id",
        readonly=True,
        depends_context=[AS_OF_DATE_KEY],
    )
    amount_90_plus = fields.Monetary(
        string="90+",
        currency_field="company_currency_id",
        readonly=True,
        depends_context=[AS_OF_DATE_KEY],
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _get_as_of_date(self):
        """The as-of date of the context, today by default; anything but a date is
        refused."""
        value = self.env.context.get(AS_OF_DATE_KEY)
        try:
            return fields.Date.to_date(value) or fields.Date.context_today(self)
        except (TypeError, ValueError):
            raise UserError(
                _("%s is not an as-of date: send it as YYYY-MM-DD.", repr(value))
            ) from None

    @api.model
    def _get_companies(self):
        """The companies of the context, the current companies by default. Only companies
        the user is allowed in (the record rule then hides the lines of companies not
        selected)."""
        company_ids = self.env.context.get(COMPANIES_KEY)
        if not company_ids:
            return self.env.companies
        if isinstance(company_ids, int) and not isinstance(company_ids, bool):
            company_ids = [company_ids]
        if not isinstance(company_ids, (list, tuple)) or not all(
            isinstance(cid, int) and not isinstance(cid, bool) for cid in company_ids
        ):
            raise UserError(_("%s is not a list of company ids.", repr(company_ids)))
        companies = self.env["res.company"].browse(company_ids)
        if not self.env.su and companies - self.env.user.company_ids:
            raise AccessError(
                _(
                    "You are not allowed in companies %s: choose among your companies.",
                    (companies - self.env.user.company_ids).ids,
                )
            )
        return companies

    @api.model
    def _side_sign(self, partner_type):
        """SQL of the sign that makes a deposit's balance read positive: -1 for a customer
        deposit (a credit on a liability), 1 for a vendor deposit (a debit on an asset)."""
        return SQL(
            "CASE %s %s END",
            partner_type,
            SQL(" ").join(
                SQL("WHEN %s THEN %s", side, values["sign"])
                for side, values in DEPOSIT_SIDES.items()
            ),
        )

    @api.model
    def _deposit_balances_query(self, as_of_date, companies):
        """Per deposit of ``companies``: its side and the sums of ``amount_currency``
        (deposit currency lines only) and ``balance`` of its posted items on its deposit
        account dated on or before ``as_of_date``, signed to read positive on both sides.
        The SQL both the report and its tie-out are built on."""
        sign = self._side_sign(SQL("deposit.partner_type"))
        return SQL(
            """
            SELECT move.deposit_id, deposit.partner_type,
                   %(sign)s * SUM(CASE WHEN line.currency_id = deposit.currency_id
                                       THEN line.amount_currency ELSE 0 END) AS balance_currency,
                   %(sign)s * SUM(line.balance) AS balance
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN customer_deposit deposit
                ON deposit.id = move.deposit_id
               AND deposit.deposit_account_id = line.account_id
             WHERE line.parent_state = 'posted'
               AND line.date <= %(as_of_date)s
               AND deposit.company_id IN %(companies)s
             GROUP BY move.deposit_id, deposit.partner_type
            """,
            sign=sign,
            as_of_date=as_of_date,
            companies=tuple(companies.ids),
        )

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @property
    def _table_query(self):
        """The deposits open on the context's as-of date, one row each (id = deposit id),
        with the positive balances of ``_deposit_balances_query``."""
        as_of_date = self._get_as_of_date()
        amount = SQL("totals.balance")
        age = SQL("(%s::date - deposit.date)", as_of_date)

        def bucket(condition):
            return SQL("CASE WHEN %s THEN %s ELSE 0 END", condition, amount)

        return SQL(
            """
            SELECT deposit.id AS id, %(as_of_date)s::date AS as_of_date,
                   deposit.company_id, deposit.id AS deposit_id, deposit.partner_type,
                   deposit.partner_id,
                   partner.name AS partner_name, deposit.sale_order_id,
                   deposit.date AS deposit_date, deposit.payment_reference,
                   deposit.currency_id, company.currency_id AS company_currency_id,
                   deposit.amount, totals.balance_currency AS balance_currency,
                   %(amount)s AS balance, %(age)s AS age_days,
                   CASE WHEN %(age)s <= 30 THEN '0_30'
                        WHEN %(age)s <= 60 THEN '31_60'
                        WHEN %(age)s <= 90 THEN '61_90'
                        ELSE '90_plus' END AS age_bucket,
                   %(b0)s AS amount_0_30, %(b31)s AS amount_31_60,
                   %(b61)s AS amount_61_90, %(b90)s AS amount_90_plus
              FROM (%(totals)s) totals
              JOIN customer_deposit deposit ON deposit.id = totals.deposit_id
              JOIN res_partner partner ON partner.id = deposit.partner_id
              JOIN res_company company ON company.id = deposit.company_id
              JOIN res_currency currency ON currency.id = deposit.currency_id
              JOIN res_currency company_currency ON company_currency.id = company.currency_id
             WHERE ROUND(totals.balance_currency, currency.decimal_places) != 0
                OR ROUND(totals.balance, company_currency.decimal_places) != 0
            """,
            as_of_date=as_of_date,
            amount=amount,
            age=age,
            b0=bucket(SQL("%s <= 30", age)),
            b31=bucket(SQL("%s BETWEEN 31 AND 60", age)),
            b61=bucket(SQL("%s BETWEEN 61 AND 90", age)),
            b90=bucket(SQL("%s > 90", age)),
            totals=self._deposit_balances_query(as_of_date, self._get_companies()),
        )
