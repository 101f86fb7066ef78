# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, models

from .deposit_guard import payment_extra_vals


class PaymentTransaction(models.Model):
    """Online payments of a sales order held as customer deposits.

    Odoo books a confirmed transaction as a customer payment on the receivable: an
    outstanding credit that later invoices do not deduct by themselves. With the company's
    ``deposit_online_payments``, a transaction paying one sales order (the quotation's
    prepayment, a deposit request link) becomes a posted deposit linked to that order
    instead, and the deposit's receipt is the transaction's ``payment_id``: Odoo's order
    confirmation, portal and chatter read the transaction as before. Its refunds through
    the provider are the deposit's refunds. A transaction for several orders or for
    invoices keeps Odoo's flow: it pays documents, it is not an advance on one order.
    """

    _inherit = "payment.transaction"

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_order(self):
        """The sales order whose deposit this confirmed transaction becomes, or an empty
        order when Odoo's own payment is booked: the company books online payments as
        deposits and has its deposit account and journal, the transaction receives money for
        exactly one open order of the company and for no invoice."""
        self.ensure_one()
        orders = self.sale_order_ids
        if not orders and self.source_transaction_id.operation == self.operation:
            orders = self.source_transaction_id.sale_order_ids  # A partial capture.
        empty = self.env["sale.order"]
        company = self.company_id
        if (
            not company.deposit_online_payments
            # Money paid is always booked: without the deposit accounts, as Odoo does.
            or not (company.deposit_account_id and company.deposit_journal_id)
            or self.operation in ("validation", "refund")
            or self.currency_id.compare_amounts(self.amount, 0.0) <= 0
            or len(orders) != 1
            or self.invoice_ids
            or self.source_transaction_id.invoice_ids
        ):
            return empty
        if orders.state == "cancel" or orders.company_id != company:
            return empty
        return orders

    def _get_source_deposit(self):
        """The deposit a refund transaction gives money back from: the deposit whose
        receipt is the source transaction's payment."""
        self.ensure_one()
        if self.operation != "refund":
            return self.env["customer.deposit"]
        return self.source_transaction_id.payment_id.sudo().deposit_id

    def _log_not_held_as_deposit(self, payment):
        """Say on the orders why the payment of several documents is not a deposit."""
        self.ensure_one()
        if not (self.company_id.deposit_online_payments and self.sale_order_ids):
            return
        message = _(
            "The online payment %(payment)s pays several documents (%(documents)s): it is "
            "booked as a customer payment on the receivable, not as a deposit of one order. "
            "Match it with the invoices once they are posted.",
            payment=payment._get_html_link(),
            documents=", ".join(
                self.sale_order_ids.mapped("name") + self.invoice_ids.mapped("name")
            ),
        )
        for order in self.sale_order_ids:
            order.message_post(body=Markup("<p>%s</p>") % message)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _create_payment(self, **extra_create_values):
        """Book the transaction: as a posted deposit of its order (its receipt is the
        transaction's payment), as the refund of that deposit for a refund transaction, or
        else as Odoo does."""
        self.ensure_one()
        if self._get_source_deposit():
            return self._create_deposit_refund()
        if self._get_deposit_order():
            return self._create_deposit()
        payment = super()._create_payment(**extra_create_values)
        if len(self.sale_order_ids) > 1 or (self.sale_order_ids and self.invoice_ids):
            self._log_not_held_as_deposit(payment)
        return payment

    def _prepare_deposit_vals(self, order):
        """Values of the deposit of ``order`` this transaction becomes: its amount and
        currency, the provider's journal and payment method, its reference. The deposit
        belongs to the order's customer; someone else paying is its payer."""
        self.ensure_one()
        method_line = self.provider_id.journal_id.inbound_payment_method_line_ids.filtered(
            lambda line: line.payment_provider_id == self.provider_id
        )[:1]
        customer = order.partner_id.commercial_partner_id
        vals = {
            "partner_type": "customer",
            "partner_id": customer.id,
            "company_id": self.company_id.id,
            "sale_order_id": order.id,
            "journal_id": self.provider_id.journal_id.id,
            "currency_id": self.currency_id.id,
            "amount": self.amount,
            "payment_reference": self.reference,
            "ref": order._get_deposit_ref(),
        }
        if method_line:
            vals["payment_method_line_id"] = method_line.id
        if self.partner_id.commercial_partner_id != customer:
            vals["payer_name"] = self.partner_name or self.partner_id.display_name
        return vals

    def _create_deposit(self):
        """Post the deposit of the transaction's order and make its receipt the
        transaction's payment. In sudo: this is the payment flow of the server (the
        customer paying on the portal, the provider's webhook), not a user's request."""
        self.ensure_one()
        order = self._get_deposit_order()
        deposit = (
            self.env["customer.deposit"]
            .sudo()
            .with_company(self.company_id)
            .create(self._prepare_deposit_vals(order))
        )
        with payment_extra_vals(
            {"payment_transaction_id": self.id, "payment_token_id": self.token_id.id}
        ):
            deposit.action_post()
        self.payment_id = deposit.payment_id
        return deposit.payment_id

    def _create_deposit_refund(self):
        """Book the refund transaction as the refund of the deposit it pays back, from the
        provider's journal; the refund payment is the transaction's payment."""
        self.ensure_one()
        deposit = self._get_source_deposit().with_company(self.company_id)
        with payment_extra_vals({"payment_transaction_id": self.id}):
            payment = deposit.refund(
                amount=-self.amount,
                journal=self.provider_id.journal_id,
                memo=_(
                    "Refund of deposit %(deposit)s (%(reference)s)",
                    deposit=deposit.name,
                    reference=self.reference,
                ),
            )
        self.payment_id = payment
        return payment

    def _check_deposit_refund(self, amount_to_refund):
        """A refund of a deposit's transaction is a refund of the deposit: refused to
        non-accountants and beyond the deposit's unapplied balance, before the provider is
        asked for anything."""
        for tx in self:
            deposit = tx.payment_id.sudo().deposit_id
            if not deposit:
                continue
            Deposit = self.env["customer.deposit"]
            Deposit._check_accountant_rights("refund")
            # As Odoo's _send_refund_request: no amount refunds the whole transaction.
            amount = Deposit._parse_amount(amount_to_refund or tx.amount, tx.currency_id)
            deposit._check_usable("refund")
            deposit._check_amount_available(amount, "refund")

    def action_refund(self, amount_to_refund=None):
        self._check_deposit_refund(amount_to_refund)
        return super().action_refund(amount_to_refund=amount_to_refund)

    def _invoice_sale_orders(self):
        """Odoo's automatic invoicing: post the deposit first, so that the invoices posted
        next find it (the company's auto-apply setting) and no down payment invoice repeats
        what the deposit holds (``sale.order._generate_downpayment_invoices``)."""
        for tx in self.filtered(lambda t: t.state == "done" and not t.payment_id):
            if tx._get_deposit_order():
                tx.with_company(tx.company_id)._create_payment()
        return super()._invoice_sale_orders()
