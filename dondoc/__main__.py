from dondoc.cli import main

if __name__ == "__main__":  # not when a child process of multiprocessing imports it
    main()
