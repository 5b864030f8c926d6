import sys

from mmexport.cli import main

sys.exit(main())
