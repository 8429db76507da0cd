from codelab.cli import main

main()
