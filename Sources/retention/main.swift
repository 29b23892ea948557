print("retention")
