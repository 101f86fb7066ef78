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
            "deposit_id",
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
    def _deposit_lines_condition(self, as_of_date):
        """SQL condition on ``line`` (journal items) and ``deposit``: the deposit's posted
        items on its deposit account dated on or before ``as_of_date``. Written so that
        PostgreSQL reads them from the deposits' covering index of account_move_line
        (``deposit_id IS NOT NULL AND parent_state = 'posted'``) alone."""
        return SQL(
            """
            line.deposit_id IS NOT NULL
            AND line.parent_state = 'posted'
            AND line.date <= %(as_of_date)s
            AND line.account_id = deposit.deposit_account_id
            """,
            as_of_date=as_of_date,
        )

    @api.model
    def _tie_out_query(self, as_of_date, companies, accounts_by_side):
        """One row, per side (DEPOSIT_SIDES order): the report total (the sum of its
        deposits' balances, which is the sum of their items: no need to group them by
        deposit) and the balance of the side's deposit accounts, both on ``as_of_date`` and
        positive. One pass over the deposit accounts' items."""
        columns = []
        for partner_type, side in DEPOSIT_SIDES.items():
            accounts = tuple(accounts_by_side[partner_type].ids) or (None,)
            columns.append(
                SQL(
                    """
                    %(sign)s * COALESCE(SUM(line.balance) FILTER (
                        WHERE deposit.partner_type = %(side)s AND %(lines)s), 0),
                    %(sign)s * COALESCE(SUM(line.balance) FILTER (
                        WHERE line.account_id IN %(accounts)s), 0)
                    """,
                    sign=side["sign"],
                    side=partner_type,
                    lines=self._deposit_lines_condition(as_of_date),
                    accounts=accounts,
                )
            )
        all_accounts = tuple(
            account.id for accounts in accounts_by_side.values() for account in accounts
        ) or (None,)
        return SQL(
            """
            SELECT %(columns)s
              FROM account_move_line line
              LEFT JOIN customer_deposit deposit
                ON deposit.id = line.deposit_id AND deposit.company_id IN %(companies)s
             WHERE line.parent_state = 'posted'
               AND line.date <= %(as_of_date)s
               AND line.company_id IN %(companies)s
               AND line.account_id IN %(accounts)s
            """,
            columns=SQL(", ").join(columns),
            companies=tuple(companies.ids),
            as_of_date=as_of_date,
            accounts=all_accounts,
        )

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @property
    def _table_query(self):
        """The deposits open on the context's as-of date, one row each (id = deposit id),
        with their balances signed to read positive on both sides: the sums, in the
        deposit's currency (its currency's items only) and in company currency, of its
        posted items on its deposit account dated on or before the as-of date.

        One level of grouping: the deposits' items are read in deposit order from their
        covering index (account_move_line_customer_deposit_balance_idx), merged with the
        deposits by id and aggregated as they come, the customer and currencies joined on
        the way; nothing is computed twice."""
        as_of_date = self._get_as_of_date()
        sign = self._side_sign(SQL("deposit.partner_type"))
        balance = SQL("(%s * SUM(line.balance))", sign)
        balance_currency = SQL(
            "(%s * SUM(CASE WHEN line.currency_id = deposit.currency_id "
            "THEN line.amount_currency ELSE 0 END))",
            sign,
        )
        age = SQL("(%s::date - deposit.date)", as_of_date)

        def bucket(condition):
            return SQL("CASE WHEN %s THEN %s ELSE 0 END", condition, balance)

        return SQL(
            """
            SELECT deposit.id AS id, %(as_of_date)s::date AS as_of_date,
                   deposit.company_id, deposit.id AS deposit_id, deposit.partner_type,
                   deposit.partner_id,
                   partner.name AS partner_name, deposit.sale_order_id,
                   deposit.date AS deposit_date, deposit.payment_reference,
                   deposit.currency_id, company.currency_id AS company_currency_id,
                   deposit.amount, %(balance_currency)s AS balance_currency,
                   %(balance)s AS balance, %(age)s AS age_days,
                   CASE WHEN %(age)s <= 30 THEN '0_30'
                        WHEN %(age)s <= 60 THEN '31_60'
                        WHEN %(age)s <= 90 THEN '61_90'
                        ELSE '90_plus' END AS age_bucket,
                   %(b0)s AS amount_0_30, %(b31)s AS amount_31_60,
                   %(b61)s AS amount_61_90, %(b90)s AS amount_90_plus
              FROM account_move_line line
              JOIN customer_deposit deposit ON deposit.id = line.deposit_id
              JOIN res_partner partner ON partner.id = deposit.partner_id
              JOIN res_company company ON company.id = deposit.company_id
              JOIN res_currency currency ON currency.id = deposit.currency_id
              JOIN res_currency company_currency ON company_currency.id = company.currency_id
             WHERE %(lines)s
               AND deposit.company_id IN %(companies)s
             GROUP BY deposit.id, partner.id, company.id, currency.id, company_currency.id
            HAVING ROUND(%(balance_currency)s, currency.decimal_places) != 0
                OR ROUND(%(balance)s, company_currency.decimal_places) != 0
            """,
            as_of_date=as_of_date,
            balance=balance,
            balance_currency=balance_currency,
            age=age,
            b0=bucket(SQL("%s <= 30", age)),
            b31=bucket(SQL("%s BETWEEN 31 AND 60", age)),
            b61=bucket(SQL("%s BETWEEN 61 AND 90", age)),
            b90=bucket(SQL("%s > 90", age)),
            lines=self._deposit_lines_condition(as_of_date),
            companies=tuple(self._get_companies().ids),
        )
