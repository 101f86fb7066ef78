# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerDeposit(models.Model):
    """A vendor deposit may be paid on a purchase order (``purchase_order_id``), as a
    customer deposit may be taken on a sales order: the link is one of the deposit's order
    links, so the core's rules apply to it (the side and the partner of the order,
    ``_check_order_link``; which order a posted deposit may move to, ``_check_relink``; it
    stays editable once posted, ``_get_descriptive_fields``)."""

    _inherit = "customer.deposit"

    purchase_order_id = fields.Many2one(
        comodel_name="purchase.order",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id), ('state', '!=', 'cancel')]",
        help="Optional, vendor deposits only: the purchase order this deposit was paid on. "
        "Its bills are offered the deposit first; an unlinked deposit can go to any bill of "
        "the vendor.",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _get_order_link_fields(self):
        return {**super()._get_order_link_fields(), "purchase_order_id": "supplier"}
