# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError


class CustomerDeposit(models.Model):
    """The sales side of a deposit: the order link, and the salesman's right to register
    and post a deposit for an order he can see."""

    _inherit = "customer.deposit"

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _is_sales_only_user(self):
        """A salesman without billing rights: he posts through a checked ``sudo``."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("sales_team.group_sale_salesman")
            and not user.has_group("account.group_account_invoice")
        )

    def _check_sales_user_can_post(self):
        """Refuse unless every deposit is linked to an order the salesman can read and the
        deposit itself is one he may change (same company, his order)."""
        for deposit in self:
            if not deposit.sale_order_id:
                raise UserError(
                    _(
                        "Deposit %s is not linked to a sales order: link it to one of your "
                        "orders, or ask a billing user to post it.",
                        deposit.display_name,
                    )
                )
            deposit.sale_order_id.check_access("read")
            deposit.check_access("write")

    def _check_relink(self, order, check_partner=True):
        """Refuse moving deposits to ``order`` (a sale.order, maybe empty) when anything of
        them was applied or moved to customer credit, when the order is cancelled or of
        another customer (``check_partner``), or when a salesman would lose the link or pick
        an order he cannot see."""
        for deposit in self.filtered(lambda d: d.sale_order_id != order):
            if check_partner and order:
                deposit._check_order_partner(order)
            currency = deposit.currency_id
            if deposit.payment_id and not (
                currency.is_zero(deposit.amount_applied)
                and currency.is_zero(deposit.amount_converted)
            ):
                raise UserError(
                    _(
                        "Deposit %(deposit)s has already been applied to invoices or moved to "
                        "customer credit: it cannot be moved to another order. Unapply it "
                        "first.",
                        deposit=deposit.display_name,
                    )
                )
            if order.state == "cancel":
                raise UserError(
                    _(
                        "Order %s is cancelled: link the deposit to an open order instead.",
                        order.name,
                    )
                )
        if self._is_sales_only_user():
            if not order:
                raise UserError(
                    _(
                        "A deposit registered by sales must stay linked to an order: link it "
                        "to another of your orders, or ask a billing user to unlink it."
                    )
                )
            order.check_access("read")

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    def _check_order_partner(self, order):
        self.ensure_one()
        order_partner = order.partner_id.commercial_partner_id
        if order_partner != self.partner_id.commercial_partner_id:
            raise ValidationError(
                _(
                    "Order %(order)s is for %(order_partner)s, not for %(partner)s: a "
                    "deposit can only be linked to an order of its own customer.",
                    order=order.name,
                    order_partner=order_partner.display_name,
                    partner=self.partner_id.display_name,
                )
            )

    @api.constrains("sale_order_id", "partner_id")
    def _check_sale_order_partner(self):
        for deposit in self.filtered("sale_order_id"):
            deposit._check_order_partner(deposit.sale_order_id)

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if self._is_sales_only_user():
            for vals in vals_list:
                order = self.env["sale.order"].browse(vals.get("sale_order_id"))
                self._check_relink(order)
        return super().create(vals_list)

    def write(self, vals):
        if "sale_order_id" in vals:
            # A new customer in the same write is checked by the constraint instead.
            self._check_relink(
                self.env["sale.order"].browse(vals["sale_order_id"]),
                check_partner="partner_id" not in vals,
            )
        return super().write(vals)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_post(self):
        """Post the deposits (see the core ``action_post``). A salesman without billing
        rights posts through ``sudo`` only after checking that each deposit is linked to a
        sales order he can read and is a deposit he may change; unlinked deposits are
        refused. Deposits linked to a cancelled order are refused for everyone."""
        for deposit in self.filtered(lambda d: d.sale_order_id.state == "cancel"):
            raise UserError(
                _(
                    "Order %(order)s is cancelled: unlink deposit %(deposit)s from it or link "
                    "it to an open order before posting.",
                    order=deposit.sale_order_id.name,
                    deposit=deposit.display_name,
                )
            )
        if self._is_sales_only_user():
            self._check_sales_user_can_post()
            return super(CustomerDeposit, self.sudo()).action_post()
        return super().action_post()
