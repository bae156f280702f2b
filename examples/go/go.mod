module example.invalid/phimask-go-example

go 1.19
