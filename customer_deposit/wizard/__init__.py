# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import customer_deposit_order_cancel
from . import sale_order_deposit_cancel
from . import customer_deposit_balance_wizard
from . import customer_deposit_refund
from . import customer_deposit_reverse
from . import customer_deposit_forfeit
from . import customer_deposit_apply_wizard
from . import customer_deposit_report_wizard
from . import customer_deposit_statement_wizard
from . import customer_deposit_settings
from . import customer_deposit_register
from . import account_payment_register
from . import sale_make_invoice_advance
from . import payment_link_wizard
