# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import res_company
from . import account_chart_template
from . import customer_deposit_payment_method_mixin
from . import customer_deposit_available_mixin
from . import customer_deposit
from . import customer_deposit_application
from . import account_payment
from . import account_move
from . import account_move_line
from . import account_partial_reconcile
from . import customer_deposit_requirement_mixin
from . import res_partner
from . import account_payment_term
from . import customer_deposit_order_mixin
from . import sale_order
from . import payment_transaction
from . import ir_module_module
