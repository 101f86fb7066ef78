# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..models.deposit_sides import DEPOSIT_SIDES


class ReportDepositStatement(models.AbstractModel):
    """Deposit statement of customers (or vendors) over a period: every posted journal item
    on the deposit account(s) of the side for the partner (payments, applications, refunds,
    reversals, forfeits, and anything else booked there) with a running balance in company
    currency, positive on both sides.

    ``data`` (from the statement wizard): ``date_from``, ``date_to``, ``company_id``,
    ``partner_type`` (default customer); without it, the current year up to today in the
    current company.
    """

    _name = "report.customer_deposit.report_deposit_statement"
    _description = "Customer Deposit Statement"

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _get_statement_lines(
        self, partners, companies, date_from, date_to, partner_type="customer"
    ):
        """Two queries whatever the number of entries: the opening balances, then the items
        of the period with their running balance computed by the database. Each item says
        what it added to the deposits held (``received``: money received from a customer, or
        paid to a vendor) and what it took off (``used``)."""
        self.env.flush_all()
        accounts = tuple(companies._get_deposit_accounts(partner_type).ids) or (None,)
        sign = DEPOSIT_SIDES[partner_type]["sign"]
        # The journal items the user may read (record rules: companies, ...), nothing more.
        readable = self.env["account.move.line"]._search(
            [("company_id", "in", companies.ids), ("partner_id", "in", partners.ids)]
        )
        where = SQL(
            """
            line.parent_state = 'posted'
            AND line.partner_id IN %(partners)s
            AND line.company_id IN %(companies)s
            AND line.account_id IN %(accounts)s
            AND line.id IN %(readable)s
            """,
            partners=tuple(partners.ids) or (None,),
            companies=tuple(companies.ids),
            accounts=accounts,
            readable=readable.subselect(),
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT line.partner_id, %(sign)s * SUM(line.balance)
                  FROM account_move_line line
                 WHERE %(where)s AND line.date < %(date_from)s
                 GROUP BY line.partner_id
                """,
                sign=sign,
                where=where,
                date_from=date_from,
            )
        )
        openings = dict(self.env.cr.fetchall())
        self.env.cr.execute(
            SQL(
                """
                SELECT line.partner_id, line.date, move.name AS move_name,
                       move.deposit_move_kind AS kind, deposit.name AS deposit_name,
                       line.name AS label, line.credit, line.debit, line.currency_id,
                       %(sign)s * line.amount_currency AS amount_currency,
                       %(sign)s * SUM(line.balance) OVER (
                           PARTITION BY line.partner_id
                           ORDER BY line.date, line.move_id, line.id
                       ) AS running
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
             LEFT JOIN customer_deposit deposit ON deposit.id = move.deposit_id
                 WHERE %(where)s AND line.date BETWEEN %(date_from)s AND %(date_to)s
                 ORDER BY line.partner_id, line.date, line.move_id, line.id
                """,
                sign=sign,
                where=where,
                date_from=date_from,
                date_to=date_to,
            )
        )
        lines = defaultdict(list)
        for row in self.env.cr.dictfetchall():
            row["balance"] = openings.get(row["partner_id"], 0.0) + row["running"]
            row["received"], row["used"] = (
                (row["credit"], row["debit"]) if sign < 0 else (row["debit"], row["credit"])
            )
            lines[row["partner_id"]].append(row)
        return openings, lines

    @api.model
    def _check_statement_access(self, partners, company):
        """The statement shows journal items: for users who may read deposits and journal
        items, of partners they may read, in a company they are allowed in."""
        self.env["customer.deposit"].check_access("read")
        self.env["account.move.line"].check_access("read")
        if not self.env.user.has_group("account.group_account_invoice") and not (
            self.env.user.has_group("account.group_account_readonly")
        ):
            raise AccessError(
                _("Deposit statements are for billing and accounting users: ask one of them.")
            )
        partners.check_access("read")
        if company not in self.env.user.company_ids and not self.env.su:
            raise AccessError(
                _("You are not allowed in company %s: choose one of your companies.", company.id)
            )

    @api.model
    def _get_report_dates(self, data):
        try:
            date_to = fields.Date.to_date(data.get("date_to")) or fields.Date.context_today(self)
            date_from = fields.Date.to_date(data.get("date_from")) or date_to.replace(
                month=1, day=1
            )
        except (TypeError, ValueError):
            raise UserError(_("The statement dates must be dates (YYYY-MM-DD).")) from None
        if date_from > date_to:
            raise UserError(_("The statement starts after it ends: swap the dates."))
        return date_from, date_to

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        company_id = data.get("company_id")
        if company_id and (isinstance(company_id, bool) or not isinstance(company_id, int)):
            raise UserError(_("%s is not a company id.", repr(company_id)))
        company = (
            self.env["res.company"].browse(company_id).exists() if company_id else self.env.company
        )
        if not company:
            raise UserError(_("Company %s does not exist.", company_id))
        date_from, date_to = self._get_report_dates(data)
        partner_type = self.env["customer.deposit"]._parse_partner_type(
            data.get("partner_type") or "customer"
        )
        docids = docids or data.get("partner_ids") or []
        if not docids:
            raise UserError(_("Choose the customers whose deposit statement to print."))
        partners = self.env["res.partner"].browse(docids).exists()
        self._check_statement_access(partners, company)
        partners = partners.commercial_partner_id
        companies = company._accessible_branches() | company
        if not self.env.su:
            companies &= self.env.user.company_ids
        openings, lines = self._get_statement_lines(
            partners, companies, date_from, date_to, partner_type
        )
        kinds = dict(
            self.env["account.move"]._fields["deposit_move_kind"]._description_selection(self.env)
        )
        if partner_type == "supplier":
            kinds["credit"] = _("Converted to Vendor Credit")
        currencies = self.env["res.currency"].browse(
            {row["currency_id"] for rows in lines.values() for row in rows}
        )
        return {
            "doc_ids": partners.ids,
            "doc_model": "res.partner",
            "docs": partners,
            "company": company,
            "currency": company.currency_id,
            "currencies": {currency.id: currency for currency in currencies},
            "date_from": date_from,
            "date_to": date_to,
            "openings": openings,
            "lines": lines,
            "kinds": kinds,
            "partner_type": partner_type,
        }
