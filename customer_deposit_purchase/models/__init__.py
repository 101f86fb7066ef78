# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import customer_deposit
from . import purchase_order
from . import account_move
