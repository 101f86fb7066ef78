# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class ReportDepositReceipt(models.AbstractModel):
    """Receipts of posted deposits; the order and customer variants print the receipts of
    the deposits of the chosen orders / customers."""

    _name = "report.customer_deposit.report_deposit_receipt"
    _description = "Customer Deposit Receipt"

    @api.model
    def _get_deposits(self, docids):
        deposits = self.env["customer.deposit"].browse(docids).exists()
        deposits.check_access("read")
        reversed_deposits = deposits.filtered(lambda deposit: deposit.state == "reversed")
        if reversed_deposits:
            raise UserError(
                _(
                    "Deposit %(deposits)s was reversed: its money was never received, there "
                    "is no receipt to print. Print the deposit statement to show its history.",
                    deposits=", ".join(reversed_deposits.mapped("display_name")),
                )
            )
        drafts = deposits.filtered(lambda deposit: not deposit.payment_move_id)
        if drafts:
            raise UserError(
                _(
                    "Post deposit %(deposits)s before printing its receipt: a draft has "
                    "received nothing yet.",
                    deposits=", ".join(drafts.mapped("display_name")),
                )
            )
        return deposits

    @api.model
    def _get_report_values(self, docids, data=None):
        # Printing reads deposits: refused to users without access to them (portal, ...).
        self.env["customer.deposit"].check_access("read")
        deposits = self._get_deposits(docids)
        return {"doc_ids": deposits.ids, "doc_model": "customer.deposit", "docs": deposits}


class ReportDepositReceiptSaleOrder(models.AbstractModel):
    _name = "report.customer_deposit.report_deposit_receipt_sale_order"
    _inherit = "report.customer_deposit.report_deposit_receipt"
    _description = "Deposit Receipts of Sales Orders"

    @api.model
    def _get_deposits(self, docids):
        orders = self.env["sale.order"].browse(docids).exists()
        orders.check_access("read")
        deposits = orders.deposit_ids.filtered(
            lambda d: d.payment_move_id and d.state != "reversed"
        ).sorted(lambda d: (d.date, d.name))
        if not deposits:
            raise UserError(
                _(
                    "Order %(orders)s has no posted deposit: record and post a deposit first.",
                    orders=", ".join(orders.mapped("display_name")),
                )
            )
        return deposits


class ReportDepositReceiptPartner(models.AbstractModel):
    _name = "report.customer_deposit.report_deposit_receipt_partner"
    _inherit = "report.customer_deposit.report_deposit_receipt"
    _description = "Deposit Receipts of Customers"

    @api.model
    def _get_deposits(self, docids):
        partners = self.env["res.partner"].browse(docids).exists()
        partners.check_access("read")
        partners = partners.commercial_partner_id
        deposits = self.env["customer.deposit"].search(
            [
                ("partner_id", "in", partners.ids),
                ("payment_move_id", "!=", False),
                ("state", "!=", "reversed"),
            ],
            order="date, name",
        )
        if not deposits:
            raise UserError(
                _(
                    "%(customers)s has no posted deposit in your companies.",
                    customers=", ".join(partners.mapped("display_name")),
                )
            )
        return deposits
