# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields

from .common import CustomerDepositCommon


class VendorDepositCommon(CustomerDepositCommon):
    """Vendor deposits: the company's vendor deposit asset account, the vendor's payable,
    outstanding payments, and helpers making vendor deposits and bills."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.partner_a
        cls.vendor_deposit_account = cls.company.vendor_deposit_account_id
        cls.payable = cls.company_data["default_account_payable"]
        cls.outstanding_payments = cls.outbound_payment_method_line.payment_account_id
        cls.currency = cls.company.currency_id

    @classmethod
    def create_vendor_deposit(
        cls, amount=1000.0, post=True, partner=None, currency=None, date=None, **vals
    ):
        return cls.create_deposit(
            amount=amount,
            post=post,
            partner=partner or cls.vendor,
            currency=currency,
            date=date,
            partner_type="supplier",
            **vals,
        )

    @classmethod
    def create_bill(cls, amount=1000.0, partner=None, currency=None, date=None, post=True):
        bill = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": (partner or cls.vendor).id,
                "invoice_date": date or fields.Date.today(),
                "currency_id": (currency or cls.company.currency_id).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_a.id,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            bill.action_post()
        return bill

    def account_balance(self, account, company=None):
        """Balance of ``account`` in ``company``, from an independent SQL sum."""
        company = company or self.company
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT COALESCE(SUM(aml.balance), 0)
              FROM account_move_line aml
             WHERE aml.account_id = %s AND aml.parent_state = 'posted' AND aml.company_id = %s
            """,
            [account.id, company.id],
        )
        return self.env.cr.fetchone()[0]

    def count_rows(self):
        """Rows of what a refused call must not write: deposits, entries, payments,
        matchings and applications."""
        return {
            model: self.env[model].search_count([])
            for model in (
                "customer.deposit",
                "account.move",
                "account.payment",
                "account.partial.reconcile",
                "customer.deposit.application",
            )
        }

    def deposit_lines(self, move, account=None):
        account = account or self.vendor_deposit_account
        return move.line_ids.filtered(lambda line: line.account_id == account)

    def bank_side_lines(self, move):
        return move.line_ids - self.deposit_lines(move)
