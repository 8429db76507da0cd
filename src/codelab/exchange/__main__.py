from codelab.exchange.hub import main

main()
