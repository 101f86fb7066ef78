# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

# The fields saying what deposit is required: on a sales order, and its defaults on the
# customer and on the payment terms.
DEPOSIT_REQUIREMENT_FIELDS = (
    "deposit_required_type",
    "deposit_required_percent",
    "deposit_required_fixed",
)


class CustomerDepositRequirementMixin(models.AbstractModel):
    """A deposit requirement: none, a percentage of the order's total or a fixed amount
    (in the record's ``currency_id``). A sales order has one (``sale.order``, computed from
    its customer, else its payment terms); the customer (``res.partner``) and the payment
    terms (``account.payment.term``) hold the default.

    Every caller's numbers are checked before the ORM stores them (finite; a percentage
    from 0 to 100; an amount not negative), whatever the screen.
    """

    _name = "customer.deposit.requirement.mixin"
    _description = "Deposit Requirement"

    deposit_required_type = fields.Selection(
        selection=[
            ("none", "No deposit"),
            ("percent", "Percentage of the total"),
            ("fixed", "Fixed amount"),
        ],
        string="Required Deposit",
    )
    deposit_required_percent = fields.Float(
        string="Required Deposit (%)",
        digits=(16, 2),
        help="Percentage of the order's total (taxes included) to receive as deposits before "
        "the order is confirmed.",
    )
    deposit_required_fixed = fields.Monetary(
        string="Required Deposit Amount",
        currency_field="currency_id",
        help="Amount to receive as deposits before the order is confirmed.",
    )
    # The currency of the fixed amount (the model using the mixin computes it).
    currency_id = fields.Many2one(comodel_name="res.currency")

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _check_deposit_requirement_vals(self, vals):
        """Refuse, before anything is written, a percentage or an amount in ``vals`` that is
        not a finite number, a percentage outside 0-100 or a negative amount. The constraint
        checks the same on what the ORM computes."""
        for fname in ("deposit_required_percent", "deposit_required_fixed"):
            if fname not in vals or vals[fname] in (False, None):
                continue
            value = vals[fname]
            label = self._fields[fname]._description_string(self.env)
            if not self.env["customer.deposit"]._is_finite_number(value):
                raise ValidationError(
                    _(
                        "%(value)s is not a number for %(field)s: enter a number.",
                        value=repr(value),
                        field=label,
                    )
                )
            if fname == "deposit_required_percent" and not 0.0 <= value <= 100.0:
                raise ValidationError(
                    _(
                        "%(value)s is not a percentage for %(field)s: enter a percentage from "
                        "0 to 100.",
                        value=value,
                        field=label,
                    )
                )
            if fname == "deposit_required_fixed" and value < 0.0:
                raise ValidationError(
                    _(
                        "%(value)s is negative for %(field)s: enter an amount of zero or more.",
                        value=value,
                        field=label,
                    )
                )

    def _get_deposit_requirement_values(self):
        """The requirement as values for a sales order in ``self``'s currency."""
        self.ensure_one()
        return {
            "deposit_required_type": self.deposit_required_type or "none",
            "deposit_required_percent": self.deposit_required_percent,
            "deposit_required_fixed": self.deposit_required_fixed,
        }

    def _is_deposit_requirement_changed(self, vals):
        """Whether ``vals`` change ``self``'s requirement (a number up to its precision)."""
        self.ensure_one()
        if "deposit_required_type" in vals and (vals["deposit_required_type"] or "none") != (
            self.deposit_required_type or "none"
        ):
            return True
        if "deposit_required_percent" in vals and float_compare(
            vals["deposit_required_percent"] or 0.0,
            self.deposit_required_percent,
            precision_digits=2,
        ):
            return True
        return "deposit_required_fixed" in vals and bool(
            self.currency_id.compare_amounts(
                vals["deposit_required_fixed"] or 0.0, self.deposit_required_fixed
            )
        )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains(*DEPOSIT_REQUIREMENT_FIELDS)
    def _check_deposit_requirement(self):
        for record in self:
            percent = record.deposit_required_percent
            fixed = record.deposit_required_fixed
            if not math.isfinite(percent) or not 0.0 <= percent <= 100.0:
                raise ValidationError(
                    _(
                        "The required deposit of %(record)s is %(percent)s%%: enter a "
                        "percentage from 0 to 100.",
                        record=record.display_name,
                        percent=percent,
                    )
                )
            if not math.isfinite(fixed) or record.currency_id.compare_amounts(fixed, 0.0) < 0:
                raise ValidationError(
                    _(
                        "The required deposit of %(record)s is %(amount)s: enter an amount "
                        "of zero or more.",
                        record=record.display_name,
                        amount=fixed,
                    )
                )

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_deposit_requirement_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_deposit_requirement_vals(vals)
        return super().write(vals)
