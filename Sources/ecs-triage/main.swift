import ECSTriage
print("hi")
