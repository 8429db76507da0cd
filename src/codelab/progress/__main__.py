from codelab.progress.app import main

main()
