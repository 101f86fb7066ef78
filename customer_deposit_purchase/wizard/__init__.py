# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import customer_deposit_register
from . import customer_deposit_apply_wizard
from . import purchase_order_deposit_cancel
